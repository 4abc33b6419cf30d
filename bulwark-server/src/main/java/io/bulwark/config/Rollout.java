package io.bulwark.config;

import io.bulwark.platform.problem.InvalidFieldException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A percentage rollout: contexts whose bucket of the attribute {@code by} falls below the
 * percentage are served {@code serve}. Buckets are stable ({@link FlagEvaluator#bucket}), so the
 * same context always lands in the same bucket and raising the percentage only adds contexts.
 *
 * @param thousandths the percentage in thousandths of a percent, 0 to 100,000 (25.5 % is 25,500)
 * @param by the context attribute bucketed, such as {@code user_id}
 * @param serve the value served inside the rollout
 */
public record Rollout(int thousandths, String by, JsonNode serve) {

  /** Buckets per 100 %: percentages have three decimals. */
  public static final int BUCKETS = 100_000;

  private static final Set<String> FIELDS = Set.of("percentage", "by", "serve");

  public Rollout {
    if (thousandths < 0 || thousandths > BUCKETS) {
      throw new InvalidFieldException("percentage", "must be from 0 to 100");
    }
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(serve, "serve");
    serve = serve.deepCopy();
  }

  static Rollout fromJson(JsonNode node, String field, ValueType type) {
    JsonFields.object(node, field);
    JsonFields.onlyKnown(node, field, FIELDS);
    JsonNode percentage = JsonFields.required(node, field, "percentage");
    String percentageField = field + ".percentage";
    if (!percentage.isNumber()) {
      throw new InvalidFieldException(percentageField, "must be a number from 0 to 100");
    }
    BigDecimal value = percentage.decimalValue();
    if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new InvalidFieldException(percentageField, "must be a number from 0 to 100");
    }
    BigDecimal scaled = value.movePointRight(3);
    if (!ValueSchema.isWhole(scaled)) {
      throw new InvalidFieldException(percentageField, "may have at most three decimals");
    }
    String by = JsonFields.requiredText(node, field, "by", 64);
    if (!EvaluationContext.ATTRIBUTE.matcher(by).matches()) {
      throw new InvalidFieldException(
          field + ".by", "an attribute name is 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'");
    }
    JsonNode serve = FlagDefinition.served(node, field, "serve", type);
    return new Rollout(scaled.intValueExact(), by, serve);
  }

  /**
   * @return the percentage, such as 25.5
   */
  public BigDecimal percentage() {
    return BigDecimal.valueOf(thousandths, 3).stripTrailingZeros();
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    BigDecimal percentage = percentage();
    if (ValueSchema.isWhole(percentage)) {
      node.put("percentage", percentage.intValueExact());
    } else {
      node.put("percentage", percentage);
    }
    node.put("by", by);
    node.set("serve", serve.deepCopy());
    return node;
  }

  @Override
  public String toString() {
    return "Rollout[percentage=" + percentage().toPlainString() + ", by=" + by + "]";
  }
}
