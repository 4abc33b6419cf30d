package io.bulwark.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The outcome of evaluating a flag for a context.
 *
 * @param key the flag
 * @param value the value served
 * @param reason why
 * @param ruleIndex the index of the rule that matched, for {@link EvaluationReason#RULE_MATCH}
 * @param version the flag version evaluated
 */
public record FlagEvaluation(
    ConfigKey key,
    JsonNode value,
    EvaluationReason reason,
    @Nullable Integer ruleIndex,
    int version) {

  public FlagEvaluation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(reason, "reason");
  }
}
