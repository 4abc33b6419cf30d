package io.bulwark.config;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a setting holds: a typed value, the schema it must satisfy, and a description. A definition
 * only exists valid: the value has the type, satisfies the schema, fits {@link
 * ConfigLimits#MAX_BYTES} and does not look like a credential.
 *
 * @param type the value's type
 * @param value the value
 * @param schema constraints on the value, if any
 * @param description what the setting is for, if given
 */
public record SettingDefinition(
    ValueType type, JsonNode value, @Nullable ValueSchema schema, @Nullable String description) {

  private static final Set<String> FIELDS = Set.of("type", "value", "schema", "description");

  public SettingDefinition {
    Objects.requireNonNull(type, "type");
    if (value == null || !type.accepts(value)) {
      throw new InvalidFieldException("value", "must be a " + type.apiName() + " value");
    }
    value = value.deepCopy();
    if (schema != null) {
      schema.validate(value, "value");
    }
    if (description != null && description.length() > ConfigLimits.MAX_DESCRIPTION) {
      throw new InvalidFieldException(
          "description", "must be at most " + ConfigLimits.MAX_DESCRIPTION + " characters");
    }
  }

  /**
   * Reads a definition as the API spells it ({@code {"type": "number", "value": 30, "schema":
   * {"minimum": 1}}}), refusing unknown fields, credentials and oversized documents.
   *
   * @param body the request body or a stored document
   * @return the definition
   */
  public static SettingDefinition fromJson(JsonNode body) {
    SettingDefinition definition = fromStored(body);
    CredentialGuard.checkPart(definition.value(), "value");
    if (definition.description() != null) {
      CredentialGuard.checkPart(
          JsonNodeFactory.instance.stringNode(definition.description()), "description");
    }
    CredentialGuard.check(definition.toDocument(), "schema");
    return definition;
  }

  /**
   * Reads a stored document without the credential check, so that a document stays readable when
   * the detectors learn something new.
   *
   * @param body a document from {@link #toDocument()}
   * @return the definition
   */
  public static SettingDefinition fromStored(JsonNode body) {
    JsonFields.object(body, "");
    JsonFields.onlyKnown(body, "", FIELDS);
    ValueType type = ValueType.parse(JsonFields.requiredText(body, "", "type", 16), "type");
    JsonNode value = JsonFields.required(body, "", "value");
    JsonNode schema = JsonFields.optional(body, "schema");
    return new SettingDefinition(
        type,
        value,
        schema == null ? null : ValueSchema.parse(schema, type, "schema"),
        JsonFields.optionalText(body, "", "description", ConfigLimits.MAX_DESCRIPTION));
  }

  /**
   * @return the definition as the API spells it; the document whose versions history keeps
   */
  public ObjectNode toDocument() {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("type", type.apiName());
    document.set("value", value.deepCopy());
    if (schema != null) {
      document.set("schema", schema.toJson());
    }
    if (description != null) {
      document.put("description", description);
    }
    return document;
  }

  @Override
  public String toString() {
    return "SettingDefinition[type=" + type.apiName() + "]";
  }
}
