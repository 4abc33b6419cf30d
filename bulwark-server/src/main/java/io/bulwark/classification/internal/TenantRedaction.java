package io.bulwark.classification.internal;

import io.bulwark.classification.ClassificationTier;
import io.bulwark.classification.DataSchema;
import io.bulwark.platform.TenantId;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.Finding;
import io.bulwark.redact.MaskingStrategy;
import io.bulwark.redact.Redactor;
import io.bulwark.redact.SensitiveFieldNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Redacts text and JSON for a tenant with {@code bulwark-redact}. JSON is redacted structurally: a
 * field whose schema tier is customer-sensitive or above is masked whole (labelled with its tier),
 * a field named like a secret ({@code password}, {@code api_key}…) is masked whole, and every other
 * string (and long number) goes through value detection. Findings name where and what, never the
 * value.
 */
@Service
public final class TenantRedaction {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MIN_NUMBER_DIGITS = 6;

  private final PseudonymKeys keys;
  private final Redactor replacing = Redactor.defaults();
  private final Redactor maskingLast4;
  private final ConcurrentHashMap<TenantId, Redactor> pseudonymizing = new ConcurrentHashMap<>();

  TenantRedaction(PseudonymKeys keys) {
    this.keys = keys;
    Redactor.Builder last4 = Redactor.builder().defaultStrategy(MaskingStrategy.keepLast(4));
    for (String secret : DetectorTypes.SECRETS) {
      last4.strategy(secret, MaskingStrategy.replace());
    }
    this.maskingLast4 = last4.build();
  }

  /**
   * @param tenant whose pseudonym key to use
   * @param text what to redact
   * @param strategy how to replace findings
   * @return the redacted text and what was found in it
   */
  public TextRedaction redactText(TenantId tenant, String text, RedactionStrategy strategy) {
    Redactor redactor = redactor(tenant, strategy);
    List<Finding> findings = redactor.scan(text);
    return new TextRedaction(findings.isEmpty() ? text : redactor.mask(text, findings), findings);
  }

  /**
   * @param tenant whose pseudonym key to use
   * @param json what to redact
   * @param schema classifies the document's fields, or null for value detection only
   * @param strategy how to replace findings
   * @return the redacted document and what was found where
   */
  public JsonRedaction redactJson(
      TenantId tenant, JsonNode json, @Nullable DataSchema schema, RedactionStrategy strategy) {
    Function<String, Optional<ClassificationTier>> tiers =
        schema == null ? path -> Optional.empty() : schema.classifier();
    Walk walk = new Walk(redactor(tenant, strategy), tiers, strategy);
    JsonNode redacted = walk.value(json, "", "");
    return new JsonRedaction(redacted, walk.findings);
  }

  private Redactor redactor(TenantId tenant, RedactionStrategy strategy) {
    return switch (strategy) {
      case REPLACE -> replacing;
      case MASK_LAST4 -> maskingLast4;
      case PSEUDONYMIZE ->
          pseudonymizing.computeIfAbsent(
              tenant,
              t ->
                  Redactor.builder()
                      .defaultStrategy(MaskingStrategy.pseudonymize(keys.of(t)))
                      .build());
    };
  }

  /**
   * The outcome of redacting text.
   *
   * @param text the redacted text
   * @param findings what was found, as spans of the input
   */
  public record TextRedaction(String text, List<Finding> findings) {
    public TextRedaction {
      Objects.requireNonNull(text);
      findings = List.copyOf(findings);
    }
  }

  /**
   * The outcome of redacting a JSON document.
   *
   * @param json the redacted document
   * @param findings what was found where
   */
  public record JsonRedaction(JsonNode json, List<JsonFinding> findings) {
    public JsonRedaction {
      Objects.requireNonNull(json);
      findings = List.copyOf(findings);
    }
  }

  /**
   * Something masked in a JSON document.
   *
   * @param path where: dotted names with array indexes ({@code contacts[1].email})
   * @param type a detector type ({@code EMAIL}), or the schema tier that masked the whole field
   *     ({@code CUSTOMER_SENSITIVE})
   */
  public record JsonFinding(String path, String type) {}

  /** One pass over a document. */
  private static final class Walk {
    private final Redactor redactor;
    private final Function<String, Optional<ClassificationTier>> tiers;
    private final RedactionStrategy strategy;
    private final List<JsonFinding> findings = new ArrayList<>();

    Walk(
        Redactor redactor,
        Function<String, Optional<ClassificationTier>> tiers,
        RedactionStrategy strategy) {
      this.redactor = redactor;
      this.tiers = tiers;
      this.strategy = strategy;
    }

    JsonNode value(JsonNode node, String schemaPath, String path) {
      if (node instanceof ObjectNode object) {
        ObjectNode copy = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
          String name = property.getKey();
          String childSchemaPath = schemaPath.isEmpty() ? name : schemaPath + "." + name;
          String childPath = path.isEmpty() ? name : path + "." + name;
          copy.set(name, field(name, property.getValue(), childSchemaPath, childPath));
        }
        return copy;
      }
      if (node instanceof ArrayNode array) {
        ArrayNode copy = NODES.arrayNode(array.size());
        for (int i = 0; i < array.size(); i++) {
          copy.add(value(array.get(i), schemaPath, path + "[" + i + "]"));
        }
        return copy;
      }
      if (node.isString()) {
        return detect(node.asString(), path).<JsonNode>map(NODES::stringNode).orElse(node);
      }
      if (node.isNumber()) {
        String text = node.asString();
        if (text.length() >= MIN_NUMBER_DIGITS) {
          Optional<String> redacted = detect(text, path);
          if (redacted.isPresent()) {
            return NODES.stringNode(redacted.get());
          }
        }
      }
      return node;
    }

    private JsonNode field(String name, JsonNode value, String schemaPath, String path) {
      Optional<ClassificationTier> tier = tiers.apply(schemaPath);
      if (tier.isPresent() && tier.get().masked()) {
        return mask(tier.get().name(), value, path);
      }
      Optional<String> secretType = SensitiveFieldNames.typeOf(name);
      if (secretType.isPresent() && !value.isNull()) {
        return mask(secretType.get(), value, path);
      }
      return value(value, schemaPath, path);
    }

    private JsonNode mask(String type, JsonNode value, String path) {
      if (value.isNull()) {
        return value;
      }
      findings.add(new JsonFinding(path, type));
      StringBuilder out = new StringBuilder();
      if (value.isContainer() && strategy != RedactionStrategy.PSEUDONYMIZE) {
        MaskingStrategy.replace().mask(type, "", out);
      } else {
        String text = value.isContainer() ? value.toString() : value.asString();
        redactor.strategyFor(type).mask(type, text, out);
      }
      return NODES.stringNode(out.toString());
    }

    private Optional<String> detect(String text, String path) {
      List<Finding> found = redactor.scan(text);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      for (Finding finding : found) {
        findings.add(new JsonFinding(path, finding.type()));
      }
      return Optional.of(redactor.mask(text, found));
    }
  }
}
