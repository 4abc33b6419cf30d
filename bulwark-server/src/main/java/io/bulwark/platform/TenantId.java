package io.bulwark.platform;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a tenant. Every tenant-owned aggregate, event and query carries one.
 *
 * @param value the tenant's UUID
 */
public record TenantId(UUID value) {

  public TenantId {
    Objects.requireNonNull(value, "value must not be null");
  }

  /**
   * Parses the canonical text form of a tenant id.
   *
   * @param text a UUID
   * @return the tenant id
   * @throws IllegalArgumentException when the text is not a UUID
   */
  public static TenantId parse(String text) {
    return new TenantId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
