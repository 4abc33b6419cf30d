package io.bulwark.config;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** The type of a setting's or a flag's values, as the API names it ({@code "number"}). */
public enum ValueType {
  BOOLEAN,
  STRING,
  NUMBER,
  /** Any JSON value but {@code null}: an object, an array, or a scalar. */
  JSON;

  /**
   * @return the name in the API
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value a value
   * @return whether a value of this type
   */
  public boolean accepts(JsonNode value) {
    return switch (this) {
      case BOOLEAN -> value.isBoolean();
      case STRING -> value.isString();
      case NUMBER -> value.isNumber();
      case JSON -> !value.isNull() && !value.isMissingNode();
    };
  }

  /**
   * @param name a name as the API spells it
   * @param field the field it came from, for the error
   * @return the type
   * @throws InvalidFieldException when it names no type
   */
  public static ValueType parse(String name, String field) {
    for (ValueType type : values()) {
      if (type.apiName().equals(name)) {
        return type;
      }
    }
    throw new InvalidFieldException(field, "must be one of boolean, string, number, json");
  }
}
