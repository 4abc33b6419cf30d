package io.bulwark.classification.internal;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the redaction API replaces what it finds. */
public enum RedactionStrategy {
  /** {@code [REDACTED:<TYPE>]}. */
  REPLACE,
  /** {@code [<TYPE>#<16 hex>]}: an HMAC of the value under the tenant's pseudonym key. */
  PSEUDONYMIZE,
  /**
   * All letters and digits but the last four become {@code *}; secrets (passwords, keys, tokens)
   * are replaced whole, since part of a secret is still a secret.
   */
  MASK_LAST4;

  /**
   * @return the name used in the API
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param apiName the value of the request field {@code strategy}, or null for the default
   * @return the strategy
   * @throws InvalidFieldException naming {@code strategy} when unknown
   */
  public static RedactionStrategy parse(@Nullable String apiName) {
    if (apiName == null) {
      return REPLACE;
    }
    for (RedactionStrategy strategy : values()) {
      if (strategy.apiName().equals(apiName)) {
        return strategy;
      }
    }
    throw new InvalidFieldException("strategy", "must be one of replace, pseudonymize, mask_last4");
  }
}
