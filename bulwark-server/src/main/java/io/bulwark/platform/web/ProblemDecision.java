package io.bulwark.platform.web;

import io.bulwark.platform.problem.ProblemType;
import org.springframework.security.authorization.AuthorizationDecision;

/**
 * An authorization decision that carries its reason, so that a denial answers with a precise
 * problem type and detail.
 */
public final class ProblemDecision extends AuthorizationDecision {

  private final ProblemType problemType;
  private final String reason;

  private ProblemDecision(boolean granted, ProblemType problemType, String reason) {
    super(granted);
    this.problemType = problemType;
    this.reason = reason;
  }

  /**
   * @param reason why access is granted, for tracing decisions
   * @return a grant
   */
  public static ProblemDecision allow(String reason) {
    return new ProblemDecision(true, ProblemType.FORBIDDEN, reason);
  }

  /**
   * @param problemType the problem the caller is answered with
   * @param reason a caller-safe explanation
   * @return a denial
   */
  public static ProblemDecision deny(ProblemType problemType, String reason) {
    return new ProblemDecision(false, problemType, reason);
  }

  /**
   * @return the problem type of a denial
   */
  public ProblemType problemType() {
    return problemType;
  }

  /**
   * @return why the decision was made
   */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "ProblemDecision[granted=" + isGranted() + ", reason=" + reason + "]";
  }
}
