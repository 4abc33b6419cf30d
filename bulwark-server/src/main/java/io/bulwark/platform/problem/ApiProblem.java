package io.bulwark.platform.problem;

import java.util.Map;
import java.util.Objects;

/**
 * An expected error that the API answers as problem+json. The detail must be safe to show to the
 * caller: no secrets, no personal data, no stack traces.
 */
public class ApiProblem extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> properties;

  /**
   * @param type the problem type
   * @param detail a human explanation, safe to show the caller
   */
  public ApiProblem(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  /**
   * @param type the problem type
   * @param detail a human explanation, safe to show the caller
   * @param properties extension members (RFC 9457 §3.2), such as the offending field's name
   */
  public ApiProblem(ProblemType type, String detail, Map<String, Object> properties) {
    super(detail, null, false, false);
    this.type = Objects.requireNonNull(type);
    this.properties = Map.copyOf(properties);
  }

  /**
   * A 400 naming the field that was rejected.
   *
   * @param field the field's name as the caller sent it (snake_case)
   * @param reason why it was rejected
   * @return the problem
   */
  public static ApiProblem invalidField(String field, String reason) {
    return new ApiProblem(ProblemType.INVALID_FIELD, reason, Map.of("field", field));
  }

  /**
   * @return the problem type
   */
  public ProblemType type() {
    return type;
  }

  /**
   * @return extension members
   */
  public Map<String, Object> properties() {
    return properties;
  }
}
