package io.bulwark.platform.problem;

import io.bulwark.redact.Redactor;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 bodies of every error response, in one place. Every detail passes through the
 * redaction engine, so that a value a message quotes by mistake (an e-mail address, a key) never
 * reaches the caller or a client-side log.
 */
public final class Problems {

  private static final Redactor REDACTOR = Redactor.defaults();

  private Problems() {}

  /**
   * @param type the problem type
   * @param detail a caller-safe explanation
   * @return the problem body
   */
  public static ProblemDetail of(ProblemType type, String detail) {
    return of(type, detail, Map.of());
  }

  /**
   * @param type the problem type
   * @param detail a caller-safe explanation
   * @param properties extension members
   * @return the problem body
   */
  public static ProblemDetail of(ProblemType type, String detail, Map<String, Object> properties) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(type.status(), REDACTOR.redact(detail));
    problem.setType(type.uri());
    problem.setTitle(type.title());
    properties.forEach(problem::setProperty);
    return problem;
  }

  /**
   * @param problem an expected API error
   * @return its body
   */
  public static ProblemDetail of(ApiProblem problem) {
    return of(problem.type(), String.valueOf(problem.getMessage()), problem.properties());
  }
}
