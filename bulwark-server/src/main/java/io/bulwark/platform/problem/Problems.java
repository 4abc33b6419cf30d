package io.bulwark.platform.problem;

import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 bodies of every error response, in one place. */
public final class Problems {

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
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
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
