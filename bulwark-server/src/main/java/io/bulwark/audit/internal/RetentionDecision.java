package io.bulwark.audit.internal;

import java.util.Objects;

/** What one retention rule says about an entry due for pruning. */
sealed interface RetentionDecision {

  /** The rule lets the body go. */
  record Allow() implements RetentionDecision {}

  /**
   * The rule keeps the body.
   *
   * @param policy the rule's name
   * @param reason why, without entry data
   * @param legalHold whether a legal hold is what keeps it
   */
  record Reject(String policy, String reason, boolean legalHold) implements RetentionDecision {
    public Reject {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(reason, "reason");
    }
  }

  static RetentionDecision allow() {
    return new Allow();
  }

  static RetentionDecision reject(String policy, String reason) {
    return new Reject(policy, reason, false);
  }
}
