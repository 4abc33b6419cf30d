package io.bulwark.platform.problem;

/**
 * Thrown by value types' compact constructors when a field breaks a rule; request bodies that build
 * such values answer 400 {@link ProblemType#INVALID_FIELD} naming the field.
 */
public final class InvalidFieldException extends IllegalArgumentException {

  private final String field;

  /**
   * @param field the field's API name (snake_case)
   * @param reason why the value is rejected; must not echo the value
   */
  public InvalidFieldException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /**
   * @return the field's API name
   */
  public String field() {
    return field;
  }

  /**
   * @return why the value was rejected
   */
  public String reason() {
    String message = getMessage();
    return message == null ? "" : message.substring(field.length() + 2);
  }
}
