package io.bulwark.config;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attributes a flag is evaluated for, such as {@code {"user_id": "u-17", "country": "DE",
 * "groups": ["beta"]}}: at most {@value #MAX_ATTRIBUTES} attributes, each a string, a number, a
 * boolean, or an array of those (a clause matches an array when it matches one of its elements).
 * The context is evaluated, never stored or logged.
 */
public final class EvaluationContext {

  /** How many attributes a context may carry. */
  public static final int MAX_ATTRIBUTES = 64;

  static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
  private static final int MAX_ARRAY = 100;
  private static final int MAX_TEXT = 1024;

  private final ObjectNode attributes;

  private EvaluationContext(ObjectNode attributes) {
    this.attributes = attributes;
  }

  /**
   * @param node the {@code context} object of an evaluation request, or null for none
   * @return the context
   * @throws InvalidFieldException naming the offending attribute
   */
  public static EvaluationContext of(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return new EvaluationContext(JsonNodeFactory.instance.objectNode());
    }
    JsonFields.object(node, "context");
    if (node.size() > MAX_ATTRIBUTES) {
      throw new InvalidFieldException(
          "context", "may carry at most " + MAX_ATTRIBUTES + " attributes");
    }
    for (Map.Entry<String, JsonNode> attribute : node.properties()) {
      String field = "context." + attribute.getKey();
      if (!ATTRIBUTE.matcher(attribute.getKey()).matches()) {
        throw new InvalidFieldException(
            field, "an attribute name is 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'");
      }
      JsonNode value = attribute.getValue();
      if (value.isArray()) {
        if (value.size() > MAX_ARRAY) {
          throw new InvalidFieldException(field, "may hold at most " + MAX_ARRAY + " elements");
        }
        for (JsonNode element : value) {
          scalar(element, field);
        }
      } else {
        scalar(value, field);
      }
    }
    return new EvaluationContext((ObjectNode) node.deepCopy());
  }

  /**
   * @param name an attribute's name
   * @return its value, or null when the context does not carry it
   */
  public @Nullable JsonNode attribute(String name) {
    JsonNode value = attributes.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private static void scalar(JsonNode value, String field) {
    if (value.isString() && value.stringValue().length() <= MAX_TEXT) {
      return;
    }
    if (value.isNumber() || value.isBoolean() || value.isNull()) {
      return;
    }
    throw new InvalidFieldException(
        field,
        "must be a string (at most "
            + MAX_TEXT
            + " characters), a number, a boolean, or an array of those");
  }

  @Override
  public String toString() {
    return "EvaluationContext[" + attributes.size() + " attributes]";
  }
}
