package io.bulwark.config;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.Locale;

/**
 * How a clause compares a context attribute with its values. A clause matches when the attribute
 * matches <em>any</em> of the values (for {@link #NOT_IN}: none of them); an array attribute
 * matches when one of its elements does. A clause about an attribute the context does not carry
 * never matches, {@code not_in} included, so that targeting never applies on missing data.
 */
public enum ClauseOperator {
  /** Equal to one of the values (numbers by value, strings exactly). */
  IN(Kind.ANY),
  /** Equal to none of the values. */
  NOT_IN(Kind.ANY),
  /** A string starting with one of the values. */
  STARTS_WITH(Kind.STRING),
  /** A string ending with one of the values. */
  ENDS_WITH(Kind.STRING),
  /** A string containing one of the values. */
  CONTAINS(Kind.STRING),
  /** A string in which one of the values, an RE2 regular expression, finds a match. */
  MATCHES(Kind.STRING),
  /** A number less than one of the values. */
  LT(Kind.NUMBER),
  /** A number less than or equal to one of the values. */
  LTE(Kind.NUMBER),
  /** A number greater than one of the values. */
  GT(Kind.NUMBER),
  /** A number greater than or equal to one of the values. */
  GTE(Kind.NUMBER),
  /** A Semantic Versioning 2.0 version equal in precedence to one of the values. */
  SEMVER_EQ(Kind.SEMVER),
  /** A version of lower precedence than one of the values. */
  SEMVER_LT(Kind.SEMVER),
  /** A version of higher precedence than one of the values. */
  SEMVER_GT(Kind.SEMVER);

  /** What values an operator compares. */
  enum Kind {
    ANY,
    STRING,
    NUMBER,
    SEMVER
  }

  private final Kind kind;

  ClauseOperator(Kind kind) {
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }

  /**
   * @return the name in the API
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param name a name as the API spells it
   * @param field the field it came from
   * @return the operator
   * @throws InvalidFieldException for an unknown operator
   */
  public static ClauseOperator parse(String name, String field) {
    for (ClauseOperator operator : values()) {
      if (operator.apiName().equals(name)) {
        return operator;
      }
    }
    throw new InvalidFieldException(
        field,
        "must be one of in, not_in, starts_with, ends_with, contains, matches, lt, lte, gt, gte,"
            + " semver_eq, semver_lt, semver_gt");
  }
}
