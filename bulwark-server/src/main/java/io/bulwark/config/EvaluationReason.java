package io.bulwark.config;

import java.util.Locale;

/**
 * Why a flag evaluated to its value, in the order evaluation tries them; the names follow
 * OpenFeature's resolution reasons.
 *
 * @see <a href="https://openfeature.dev/specification/types#resolution-reason">OpenFeature
 *     resolution reasons</a>
 */
public enum EvaluationReason {
  /** The flag is switched off: its {@code off} value. */
  DISABLED,
  /** A rule's clauses all matched (and, for a rule with a rollout, the context is inside it). */
  RULE_MATCH,
  /** No rule matched and the context falls inside the flag's percentage rollout. */
  ROLLOUT,
  /** Nothing else applied: the flag's default. */
  DEFAULT;

  /**
   * @return the name in the API
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
