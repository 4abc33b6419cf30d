package io.bulwark.authorization;

/** The outcome of an access check, with its reason either way. */
public sealed interface AccessDecision permits AccessDecision.Granted, AccessDecision.Denied {

  /**
   * @return why
   */
  String reason();

  /**
   * @return whether access is granted
   */
  default boolean granted() {
    return this instanceof Granted;
  }

  /**
   * Access granted.
   *
   * @param reason which role or rule granted it
   */
  record Granted(String reason) implements AccessDecision {}

  /**
   * Access denied.
   *
   * @param reason why, safe to show the caller
   */
  record Denied(String reason) implements AccessDecision {}
}
