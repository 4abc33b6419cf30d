package io.bulwark.config;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A targeting rule: when all its clauses match (a rule without clauses matches every context), it
 * serves {@code serve}, or, with a {@code rollout}, serves the rollout's value to the contexts
 * inside its percentage and lets the others go on to the next rule.
 *
 * @param description what the rule is for, if given
 * @param clauses the conditions, all of which must hold
 * @param serve the value served, or null when the rule has a rollout
 * @param rollout the rollout among the matching contexts, or null when the rule serves a value
 */
public record FlagRule(
    @Nullable String description,
    List<Clause> clauses,
    @Nullable JsonNode serve,
    @Nullable Rollout rollout) {

  /** How many clauses a rule may have. */
  public static final int MAX_CLAUSES = 16;

  private static final Set<String> FIELDS = Set.of("description", "clauses", "serve", "rollout");

  public FlagRule {
    clauses = List.copyOf(clauses);
    if ((serve == null) == (rollout == null)) {
      throw new InvalidFieldException("serve", "a rule has either serve or rollout");
    }
  }

  static FlagRule fromJson(JsonNode node, String field, ValueType type) {
    JsonFields.object(node, field);
    JsonFields.onlyKnown(node, field, FIELDS);
    JsonNode listed = JsonFields.optional(node, "clauses");
    List<Clause> clauses = new ArrayList<>();
    if (listed != null) {
      if (!listed.isArray() || listed.size() > MAX_CLAUSES) {
        throw new InvalidFieldException(
            field + ".clauses", "must be an array of at most " + MAX_CLAUSES + " clauses");
      }
      for (int i = 0; i < listed.size(); i++) {
        clauses.add(Clause.fromJson(listed.get(i), field + ".clauses[" + i + "]"));
      }
    }
    boolean serves = JsonFields.optional(node, "serve") != null;
    JsonNode rollout = JsonFields.optional(node, "rollout");
    if (serves == (rollout != null)) {
      throw new InvalidFieldException(field + ".serve", "a rule has either serve or rollout");
    }
    return new FlagRule(
        JsonFields.optionalText(node, field, "description", ConfigLimits.MAX_DESCRIPTION),
        clauses,
        serves ? FlagDefinition.served(node, field, "serve", type) : null,
        rollout == null ? null : Rollout.fromJson(rollout, field + ".rollout", type));
  }

  /**
   * @param context the evaluation context
   * @return whether every clause holds
   */
  public boolean matches(EvaluationContext context) {
    for (Clause clause : clauses) {
      if (!clause.matches(context)) {
        return false;
      }
    }
    return true;
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (description != null) {
      node.put("description", description);
    }
    ArrayNode array = node.putArray("clauses");
    clauses.forEach(clause -> array.add(clause.toJson()));
    if (serve != null) {
      node.set("serve", serve.deepCopy());
    }
    if (rollout != null) {
      node.set("rollout", rollout.toJson());
    }
    return node;
  }

  @Override
  public String toString() {
    return "FlagRule[clauses=" + clauses + ", rollout=" + rollout + "]";
  }
}
