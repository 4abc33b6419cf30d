package io.bulwark.config;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Strict reading of JSON documents: unknown members are refused, every error names its field. */
final class JsonFields {

  private JsonFields() {}

  static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  static JsonNode object(@Nullable JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw new InvalidFieldException(field.isEmpty() ? "(body)" : field, "must be a JSON object");
    }
    return node;
  }

  static void onlyKnown(JsonNode object, String prefix, Set<String> allowed) {
    for (String name : object.propertyNames()) {
      if (!allowed.contains(name)) {
        String field = join(prefix, name);
        throw new ApiProblem(
            ProblemType.UNKNOWN_FIELD,
            "Field '" + field + "' is not part of this request",
            Map.of("field", field));
      }
    }
  }

  static @Nullable JsonNode optional(JsonNode object, String name) {
    JsonNode node = object.get(name);
    return node == null || node.isNull() ? null : node;
  }

  static JsonNode required(JsonNode object, String prefix, String name) {
    JsonNode node = optional(object, name);
    if (node == null) {
      throw new InvalidFieldException(join(prefix, name), "is required");
    }
    return node;
  }

  static @Nullable String optionalText(JsonNode object, String prefix, String name, int maxLength) {
    JsonNode node = optional(object, name);
    if (node == null) {
      return null;
    }
    if (!node.isString() || node.stringValue().length() > maxLength) {
      throw new InvalidFieldException(
          join(prefix, name), "must be a string of at most " + maxLength + " characters");
    }
    return node.stringValue();
  }

  static String requiredText(JsonNode object, String prefix, String name, int maxLength) {
    String text = optionalText(object, prefix, name, maxLength);
    if (text == null || text.isEmpty()) {
      throw new InvalidFieldException(join(prefix, name), "is required");
    }
    return text;
  }

  static @Nullable Boolean optionalBoolean(JsonNode object, String prefix, String name) {
    JsonNode node = optional(object, name);
    if (node == null) {
      return null;
    }
    if (!node.isBoolean()) {
      throw new InvalidFieldException(join(prefix, name), "must be true or false");
    }
    return node.booleanValue();
  }

  static @Nullable Integer optionalCount(JsonNode object, String prefix, String name, int max) {
    JsonNode node = optional(object, name);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
      throw new InvalidFieldException(
          join(prefix, name), "must be a whole number from 0 to " + max);
    }
    if (node.intValue() > max) {
      throw new InvalidFieldException(
          join(prefix, name), "must be a whole number from 0 to " + max);
    }
    return node.intValue();
  }

  static int depth(JsonNode node) {
    if (!node.isContainer()) {
      return 0;
    }
    int deepest = 0;
    for (JsonNode child : node.values()) {
      deepest = Math.max(deepest, depth(child));
    }
    return deepest + 1;
  }
}
