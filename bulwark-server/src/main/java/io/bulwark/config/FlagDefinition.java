package io.bulwark.config;

import io.bulwark.platform.problem.InvalidFieldException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A feature flag as written: its value type, whether it is on, what it serves when off, its
 * targeting rules in order, an optional percentage rollout for contexts no rule matched, and its
 * default. Every served value has the flag's type.
 *
 * @param type the type of every value served
 * @param enabled whether the flag is on; off, it serves {@code offValue}
 * @param description what the flag is for, if given
 * @param defaultValue served when no rule and no rollout applies
 * @param offValue served while the flag is off
 * @param rules targeting rules, the first matching one wins
 * @param rollout the percentage rollout after the rules, if any
 * @param salt mixed into rollout buckets so that flags bucket independently; null until stored
 */
public record FlagDefinition(
    ValueType type,
    boolean enabled,
    @Nullable String description,
    JsonNode defaultValue,
    JsonNode offValue,
    List<FlagRule> rules,
    @Nullable Rollout rollout,
    @Nullable String salt) {

  /** How many rules a flag may have. */
  public static final int MAX_RULES = 100;

  private static final Set<String> FIELDS =
      Set.of("type", "enabled", "description", "default", "off", "rules", "rollout", "salt");
  private static final Pattern SALT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public FlagDefinition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(offValue, "offValue");
    rules = List.copyOf(rules);
    if (rules.size() > MAX_RULES) {
      throw new InvalidFieldException("rules", "may hold at most " + MAX_RULES + " rules");
    }
    if (salt != null && !SALT.matcher(salt).matches()) {
      throw new InvalidFieldException("salt", "is 1 to 64 characters of A-Z, a-z, 0-9, '_', '-'");
    }
    if (description != null && description.length() > ConfigLimits.MAX_DESCRIPTION) {
      throw new InvalidFieldException(
          "description", "must be at most " + ConfigLimits.MAX_DESCRIPTION + " characters");
    }
    defaultValue = defaultValue.deepCopy();
    offValue = offValue.deepCopy();
  }

  /**
   * Reads a flag as the API spells it, refusing unknown fields, values of the wrong type, unknown
   * operators, credentials and oversized documents.
   *
   * @param body the request body
   * @return the definition
   */
  public static FlagDefinition fromJson(JsonNode body) {
    FlagDefinition definition = fromStored(body);
    CredentialGuard.check(definition.toDocument(), "(body)");
    return definition;
  }

  /**
   * Reads a stored document without the credential check.
   *
   * @param body a document from {@link #toDocument()}
   * @return the definition
   */
  public static FlagDefinition fromStored(JsonNode body) {
    JsonFields.object(body, "");
    JsonFields.onlyKnown(body, "", FIELDS);
    ValueType type = ValueType.parse(JsonFields.requiredText(body, "", "type", 16), "type");
    Boolean enabled = JsonFields.optionalBoolean(body, "", "enabled");
    JsonNode defaultValue = served(body, "", "default", type);
    JsonNode offValue =
        JsonFields.optional(body, "off") == null ? defaultValue : served(body, "", "off", type);
    List<FlagRule> rules = new ArrayList<>();
    JsonNode listed = JsonFields.optional(body, "rules");
    if (listed != null) {
      if (!listed.isArray() || listed.size() > MAX_RULES) {
        throw new InvalidFieldException(
            "rules", "must be an array of at most " + MAX_RULES + " rules");
      }
      for (int i = 0; i < listed.size(); i++) {
        rules.add(FlagRule.fromJson(listed.get(i), "rules[" + i + "]", type));
      }
    }
    JsonNode rollout = JsonFields.optional(body, "rollout");
    return new FlagDefinition(
        type,
        enabled == null || enabled,
        JsonFields.optionalText(body, "", "description", ConfigLimits.MAX_DESCRIPTION),
        defaultValue,
        offValue,
        rules,
        rollout == null ? null : Rollout.fromJson(rollout, "rollout", type),
        JsonFields.optionalText(body, "", "salt", 64));
  }

  static JsonNode served(JsonNode node, String prefix, String name, ValueType type) {
    JsonNode value = JsonFields.required(node, prefix, name);
    if (!type.accepts(value)) {
      throw new InvalidFieldException(
          JsonFields.join(prefix, name), "must be a " + type.apiName() + " value");
    }
    return value;
  }

  /**
   * @param salt the salt to keep
   * @return this definition with that salt
   */
  public FlagDefinition withSalt(String salt) {
    return new FlagDefinition(
        type, enabled, description, defaultValue, offValue, rules, rollout, salt);
  }

  /**
   * @return a fresh random salt
   */
  public static String newSalt() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * @return the definition as the API spells it; the document whose versions history keeps
   */
  public ObjectNode toDocument() {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("type", type.apiName());
    document.put("enabled", enabled);
    if (description != null) {
      document.put("description", description);
    }
    document.set("default", defaultValue.deepCopy());
    document.set("off", offValue.deepCopy());
    ArrayNode array = document.putArray("rules");
    rules.forEach(rule -> array.add(rule.toJson()));
    if (rollout != null) {
      document.set("rollout", rollout.toJson());
    }
    if (salt != null) {
      document.put("salt", salt);
    }
    return document;
  }

  @Override
  public String toString() {
    return "FlagDefinition[type="
        + type.apiName()
        + ", enabled="
        + enabled
        + ", rules="
        + rules.size()
        + "]";
  }
}
