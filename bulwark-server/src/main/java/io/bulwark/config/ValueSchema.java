package io.bulwark.config;

import com.google.re2j.PatternSyntaxException;
import io.bulwark.platform.problem.InvalidFieldException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The constraints a setting's value must meet, checked on every write: a small subset of JSON
 * Schema with snake_case keywords. Which keywords a schema may use depends on the setting's type:
 *
 * <ul>
 *   <li>{@code number}: {@code minimum}, {@code maximum}, {@code integer}, {@code enum};
 *   <li>{@code string}: {@code min_length}, {@code max_length}, {@code pattern}, {@code enum};
 *   <li>{@code boolean}: none;
 *   <li>{@code json}: all of the above and {@code type}, {@code properties}, {@code required},
 *       {@code additional_properties}, {@code items}, {@code min_items}, {@code max_items}, nested
 *       at most {@value #MAX_DEPTH} levels deep.
 * </ul>
 *
 * <p>A keyword applies to values of its kind only (as in JSON Schema); {@code type} restricts the
 * kind. Unknown keywords are refused rather than ignored, so a typo cannot silently switch a check
 * off. Patterns are RE2 syntax, matched by a linear-time engine (RE2/J) so that no pattern can make
 * validation backtrack exponentially.
 *
 * @see <a href="https://json-schema.org/draft/2020-12/json-schema-validation">JSON Schema
 *     Validation</a>
 */
public final class ValueSchema {

  /** How deep schemas may nest ({@code properties} and {@code items}). */
  public static final int MAX_DEPTH = 8;

  private static final int MAX_PATTERN_LENGTH = 512;
  private static final int MAX_PROPERTIES = 256;
  private static final int MAX_ENUM = 256;
  private static final Set<String> JSON_TYPES =
      Set.of("object", "array", "string", "number", "integer", "boolean", "null");
  private static final Set<String> NUMBER_KEYWORDS =
      Set.of("minimum", "maximum", "integer", "enum");
  private static final Set<String> STRING_KEYWORDS =
      Set.of("min_length", "max_length", "pattern", "enum");
  private static final Set<String> JSON_KEYWORDS =
      Set.of(
          "type",
          "enum",
          "minimum",
          "maximum",
          "integer",
          "min_length",
          "max_length",
          "pattern",
          "properties",
          "required",
          "additional_properties",
          "items",
          "min_items",
          "max_items");

  private final ObjectNode document;
  private final @Nullable String type;
  private final @Nullable List<JsonNode> allowed;
  private final @Nullable BigDecimal minimum;
  private final @Nullable BigDecimal maximum;
  private final boolean integer;
  private final @Nullable Integer minLength;
  private final @Nullable Integer maxLength;
  private final com.google.re2j.@Nullable Pattern pattern;
  private final Map<String, ValueSchema> properties;
  private final List<String> required;
  private final boolean additionalProperties;
  private final @Nullable ValueSchema items;
  private final @Nullable Integer minItems;
  private final @Nullable Integer maxItems;

  private ValueSchema(JsonNode node, Set<String> keywords, String field, int depth) {
    JsonFields.object(node, field);
    if (depth > MAX_DEPTH) {
      throw new InvalidFieldException(field, "nests deeper than " + MAX_DEPTH + " levels");
    }
    JsonFields.onlyKnown(node, field, keywords);
    this.document = (ObjectNode) node.deepCopy();
    this.type = JsonFields.optionalText(node, field, "type", 16);
    if (type != null && !JSON_TYPES.contains(type)) {
      throw new InvalidFieldException(
          JsonFields.join(field, "type"),
          "must be one of object, array, string, number, integer, boolean, null");
    }
    this.allowed = enumValues(node, field);
    this.minimum = number(node, field, "minimum");
    this.maximum = number(node, field, "maximum");
    if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
      throw new InvalidFieldException(
          JsonFields.join(field, "minimum"), "must not be greater than maximum");
    }
    Boolean wholeNumbers = JsonFields.optionalBoolean(node, field, "integer");
    this.integer = wholeNumbers != null && wholeNumbers;
    this.minLength = JsonFields.optionalCount(node, field, "min_length", ConfigLimits.MAX_BYTES);
    this.maxLength = JsonFields.optionalCount(node, field, "max_length", ConfigLimits.MAX_BYTES);
    if (minLength != null && maxLength != null && minLength > maxLength) {
      throw new InvalidFieldException(
          JsonFields.join(field, "min_length"), "must not be greater than max_length");
    }
    this.pattern = pattern(node, field);
    this.properties = new LinkedHashMap<>();
    JsonNode declared = JsonFields.optional(node, "properties");
    if (declared != null) {
      String propertiesField = JsonFields.join(field, "properties");
      JsonFields.object(declared, propertiesField);
      if (declared.size() > MAX_PROPERTIES) {
        throw new InvalidFieldException(
            propertiesField, "may declare at most " + MAX_PROPERTIES + " properties");
      }
      for (Map.Entry<String, JsonNode> property : declared.properties()) {
        properties.put(
            property.getKey(),
            new ValueSchema(
                property.getValue(),
                JSON_KEYWORDS,
                propertiesField + "." + property.getKey(),
                depth + 1));
      }
    }
    this.required = new ArrayList<>();
    JsonNode names = JsonFields.optional(node, "required");
    if (names != null) {
      if (!names.isArray() || names.size() > MAX_PROPERTIES) {
        throw new InvalidFieldException(
            JsonFields.join(field, "required"), "must be an array of property names");
      }
      for (JsonNode name : names) {
        if (!name.isString()) {
          throw new InvalidFieldException(
              JsonFields.join(field, "required"), "must be an array of property names");
        }
        required.add(name.stringValue());
      }
    }
    Boolean additional = JsonFields.optionalBoolean(node, field, "additional_properties");
    this.additionalProperties = additional == null || additional;
    JsonNode itemSchema = JsonFields.optional(node, "items");
    this.items =
        itemSchema == null
            ? null
            : new ValueSchema(
                itemSchema, JSON_KEYWORDS, JsonFields.join(field, "items"), depth + 1);
    this.minItems = JsonFields.optionalCount(node, field, "min_items", ConfigLimits.MAX_BYTES);
    this.maxItems = JsonFields.optionalCount(node, field, "max_items", ConfigLimits.MAX_BYTES);
    if (minItems != null && maxItems != null && minItems > maxItems) {
      throw new InvalidFieldException(
          JsonFields.join(field, "min_items"), "must not be greater than max_items");
    }
  }

  /**
   * Reads a schema for values of a type.
   *
   * @param node the schema as the API spells it
   * @param type the setting's type, which decides the keywords allowed
   * @param field the field it came from, for errors
   * @return the schema
   * @throws InvalidFieldException or an {@code unknown-field} problem when it is not a valid schema
   */
  public static ValueSchema parse(JsonNode node, ValueType type, String field) {
    Set<String> keywords =
        switch (type) {
          case BOOLEAN -> Set.of();
          case NUMBER -> NUMBER_KEYWORDS;
          case STRING -> STRING_KEYWORDS;
          case JSON -> JSON_KEYWORDS;
        };
    return new ValueSchema(node, keywords, field, 1);
  }

  /**
   * Checks a value.
   *
   * @param value the value
   * @param field the field it came from, for the error
   * @throws InvalidFieldException naming the rule broken, never the value
   */
  public void validate(JsonNode value, String field) {
    check(value, field, "");
  }

  /**
   * @return the schema as the API spells it
   */
  public ObjectNode toJson() {
    return document.deepCopy();
  }

  private void check(JsonNode value, String field, String pointer) {
    String where = pointer.isEmpty() ? "" : " at " + pointer;
    if (type != null && !hasType(value, type)) {
      throw new InvalidFieldException(field, "must be of type " + type + where);
    }
    if (allowed != null && allowed.stream().noneMatch(candidate -> sameValue(candidate, value))) {
      throw new InvalidFieldException(field, "must be one of the schema's enum values" + where);
    }
    if (value.isNumber()) {
      BigDecimal number = value.decimalValue();
      if (minimum != null && number.compareTo(minimum) < 0) {
        throw new InvalidFieldException(
            field, "must be at least " + minimum.toPlainString() + where);
      }
      if (maximum != null && number.compareTo(maximum) > 0) {
        throw new InvalidFieldException(
            field, "must be at most " + maximum.toPlainString() + where);
      }
      if (integer && !isWhole(number)) {
        throw new InvalidFieldException(field, "must be a whole number" + where);
      }
    }
    if (value.isString()) {
      String text = value.stringValue();
      int length = text.codePointCount(0, text.length());
      if (minLength != null && length < minLength) {
        throw new InvalidFieldException(
            field, "must be at least " + minLength + " characters long" + where);
      }
      if (maxLength != null && length > maxLength) {
        throw new InvalidFieldException(
            field, "must be at most " + maxLength + " characters long" + where);
      }
      if (pattern != null && !pattern.matcher(text).find()) {
        throw new InvalidFieldException(field, "must match the schema's pattern" + where);
      }
    }
    if (value.isObject()) {
      for (String name : required) {
        if (!value.has(name)) {
          throw new InvalidFieldException(field, "must have the property '" + name + "'" + where);
        }
      }
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        ValueSchema schema = properties.get(member.getKey());
        String child = pointer + "/" + escape(member.getKey());
        if (schema != null) {
          schema.check(member.getValue(), field, child);
        } else if (!additionalProperties) {
          throw new InvalidFieldException(
              field, "must not have the property '" + member.getKey() + "'" + where);
        }
      }
    }
    if (value.isArray()) {
      if (minItems != null && value.size() < minItems) {
        throw new InvalidFieldException(field, "must have at least " + minItems + " items" + where);
      }
      if (maxItems != null && value.size() > maxItems) {
        throw new InvalidFieldException(field, "must have at most " + maxItems + " items" + where);
      }
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          items.check(value.get(i), field, pointer + "/" + i);
        }
      }
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isString();
      case "number" -> value.isNumber();
      case "integer" -> value.isNumber() && isWhole(value.decimalValue());
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> false;
    };
  }

  static boolean isWhole(BigDecimal number) {
    return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
  }

  /** JSON equality, with numbers compared by value (1 equals 1.0). */
  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameValue(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> member : a.properties()) {
        JsonNode other = b.get(member.getKey());
        if (other == null || !sameValue(member.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static @Nullable List<JsonNode> enumValues(JsonNode node, String field) {
    JsonNode values = JsonFields.optional(node, "enum");
    if (values == null) {
      return null;
    }
    if (!values.isArray() || values.isEmpty() || values.size() > MAX_ENUM) {
      throw new InvalidFieldException(
          JsonFields.join(field, "enum"), "must be an array of 1 to " + MAX_ENUM + " values");
    }
    List<JsonNode> list = new ArrayList<>();
    values.forEach(list::add);
    return List.copyOf(list);
  }

  private static @Nullable BigDecimal number(JsonNode node, String field, String name) {
    JsonNode value = JsonFields.optional(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidFieldException(JsonFields.join(field, name), "must be a number");
    }
    return value.decimalValue();
  }

  private static com.google.re2j.@Nullable Pattern pattern(JsonNode node, String field) {
    String source = JsonFields.optionalText(node, field, "pattern", MAX_PATTERN_LENGTH);
    if (source == null) {
      return null;
    }
    try {
      return com.google.re2j.Pattern.compile(source);
    } catch (PatternSyntaxException e) {
      throw new InvalidFieldException(
          JsonFields.join(field, "pattern"),
          "must be a regular expression in RE2 syntax (no backreferences or lookaround)");
    }
  }
}
