package io.bulwark.identity;

import java.util.Objects;

/**
 * A client secret in the clear, as shown once at creation or rotation. It has no {@code toString}
 * that reveals it; {@link #revealForResponse()} is the only way out, and it is grep-able.
 */
public final class ClientSecret {

  private final String value;

  /**
   * @param value the secret
   */
  public ClientSecret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  /**
   * @return the secret, for the one response that hands it to its owner
   */
  public String revealForResponse() {
    return value;
  }

  @Override
  public String toString() {
    return "ClientSecret[redacted]";
  }
}
