package io.bulwark.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates a flag for a context, in this order: off → the {@code off} value ({@code disabled});
 * the first rule whose clauses all match (and, for a rule with a rollout, whose bucket is inside
 * it) → its value ({@code rule_match}); the flag's rollout, when the context's bucket is inside it
 * → its value ({@code rollout}); otherwise the default ({@code default}).
 *
 * <p>A context's bucket is the first 64 bits of SHA-256 over {@code <flag key> "." <salt> "."
 * <attribute value>}, as an unsigned number modulo {@value Rollout#BUCKETS}; it is inside a rollout
 * of {@code p} thousandths when below {@code p}. The bucket depends only on the flag, its salt and
 * the attribute, so evaluations are stable across requests, nodes and restarts, and raising a
 * percentage keeps everyone already in. Only string and whole-number attributes are bucketed; a
 * context without the attribute is never inside a rollout.
 */
public final class FlagEvaluator {

  private FlagEvaluator() {}

  /**
   * @param flag the flag
   * @param context the context
   * @return the value served and why
   */
  public static FlagEvaluation evaluate(FeatureFlag flag, EvaluationContext context) {
    FlagDefinition definition = flag.definition();
    if (!definition.enabled()) {
      return outcome(flag, definition.offValue(), EvaluationReason.DISABLED, null);
    }
    String salt = definition.salt() == null ? "" : definition.salt();
    List<FlagRule> rules = definition.rules();
    for (int i = 0; i < rules.size(); i++) {
      FlagRule rule = rules.get(i);
      if (!rule.matches(context)) {
        continue;
      }
      if (rule.serve() != null) {
        return outcome(flag, rule.serve(), EvaluationReason.RULE_MATCH, i);
      }
      Rollout rollout = rule.rollout();
      if (rollout != null && inside(flag.key(), salt, rollout, context)) {
        return outcome(flag, rollout.serve(), EvaluationReason.RULE_MATCH, i);
      }
    }
    Rollout rollout = definition.rollout();
    if (rollout != null && inside(flag.key(), salt, rollout, context)) {
      return outcome(flag, rollout.serve(), EvaluationReason.ROLLOUT, null);
    }
    return outcome(flag, definition.defaultValue(), EvaluationReason.DEFAULT, null);
  }

  /**
   * @param key the flag's key
   * @param salt the flag's salt
   * @param id the bucketed attribute's value
   * @return the bucket, 0 to {@value Rollout#BUCKETS} − 1
   */
  public static int bucket(ConfigKey key, String salt, String id) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    byte[] digest =
        sha256.digest((key.value() + "." + salt + "." + id).getBytes(StandardCharsets.UTF_8));
    long prefix = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    return (int) Long.remainderUnsigned(prefix, Rollout.BUCKETS);
  }

  private static boolean inside(
      ConfigKey key, String salt, Rollout rollout, EvaluationContext context) {
    String id = bucketable(context.attribute(rollout.by()));
    return id != null && bucket(key, salt, id) < rollout.thousandths();
  }

  private static @Nullable String bucketable(@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isString()) {
      return value.stringValue();
    }
    if (value.isNumber() && ValueSchema.isWhole(value.decimalValue())) {
      return value.decimalValue().toBigInteger().toString();
    }
    return null;
  }

  private static FlagEvaluation outcome(
      FeatureFlag flag, JsonNode value, EvaluationReason reason, @Nullable Integer rule) {
    return new FlagEvaluation(flag.key(), value.deepCopy(), reason, rule, flag.version());
  }
}
