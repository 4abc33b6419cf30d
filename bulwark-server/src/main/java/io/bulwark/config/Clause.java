package io.bulwark.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.bulwark.platform.problem.InvalidFieldException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One condition of a targeting rule: {@code {"attribute": "country", "op": "in", "values": ["DE",
 * "FR"]}}. Values are checked against the operator when the flag is written (strings for string
 * operators, numbers for comparisons, valid versions for {@code semver_*}, RE2 syntax for {@code
 * matches}), so evaluation never fails on a stored flag.
 */
public final class Clause {

  /** How many values a clause may list (a targeted list of user ids, say). */
  public static final int MAX_VALUES = 1000;

  private static final Set<String> FIELDS = Set.of("attribute", "op", "values");
  private static final int MAX_VALUE_LENGTH = 1024;

  private final String attribute;
  private final ClauseOperator op;
  private final List<JsonNode> values;
  private final List<Pattern> patterns;
  private final List<SemanticVersion> versions;

  private Clause(
      String attribute,
      ClauseOperator op,
      List<JsonNode> values,
      List<Pattern> patterns,
      List<SemanticVersion> versions) {
    this.attribute = attribute;
    this.op = op;
    this.values = values;
    this.patterns = patterns;
    this.versions = versions;
  }

  static Clause fromJson(JsonNode node, String field) {
    JsonFields.object(node, field);
    JsonFields.onlyKnown(node, field, FIELDS);
    String attribute = JsonFields.requiredText(node, field, "attribute", 64);
    if (!EvaluationContext.ATTRIBUTE.matcher(attribute).matches()) {
      throw new InvalidFieldException(
          field + ".attribute",
          "an attribute name is 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'");
    }
    ClauseOperator op =
        ClauseOperator.parse(JsonFields.requiredText(node, field, "op", 32), field + ".op");
    JsonNode listed = JsonFields.required(node, field, "values");
    String valuesField = field + ".values";
    if (!listed.isArray() || listed.isEmpty() || listed.size() > MAX_VALUES) {
      throw new InvalidFieldException(
          valuesField, "must be an array of 1 to " + MAX_VALUES + " values");
    }
    List<JsonNode> values = new ArrayList<>();
    List<Pattern> patterns = new ArrayList<>();
    List<SemanticVersion> versions = new ArrayList<>();
    for (JsonNode value : listed) {
      switch (op.kind()) {
        case ANY -> {
          if (!(value.isString() || value.isNumber() || value.isBoolean())) {
            throw new InvalidFieldException(
                valuesField, "must hold strings, numbers or booleans for " + op.apiName());
          }
        }
        case NUMBER -> {
          if (!value.isNumber()) {
            throw new InvalidFieldException(valuesField, "must hold numbers for " + op.apiName());
          }
        }
        case STRING, SEMVER -> {
          if (!value.isString() || value.stringValue().length() > MAX_VALUE_LENGTH) {
            throw new InvalidFieldException(
                valuesField,
                "must hold strings of at most "
                    + MAX_VALUE_LENGTH
                    + " characters for "
                    + op.apiName());
          }
        }
      }
      if (op == ClauseOperator.MATCHES) {
        try {
          patterns.add(Pattern.compile(value.stringValue()));
        } catch (PatternSyntaxException e) {
          throw new InvalidFieldException(
              valuesField, "must hold regular expressions in RE2 syntax for matches");
        }
      }
      if (op.kind() == ClauseOperator.Kind.SEMVER) {
        SemanticVersion version = SemanticVersion.parse(value.stringValue());
        if (version == null) {
          throw new InvalidFieldException(
              valuesField, "must hold Semantic Versioning 2.0 versions such as 2.4.0");
        }
        versions.add(version);
      }
      values.add(value.deepCopy());
    }
    return new Clause(
        attribute, op, List.copyOf(values), List.copyOf(patterns), List.copyOf(versions));
  }

  /**
   * @return the context attribute the clause is about
   */
  public String attribute() {
    return attribute;
  }

  /**
   * @return the comparison
   */
  public ClauseOperator op() {
    return op;
  }

  /**
   * @param context the evaluation context
   * @return whether the clause holds for it
   */
  public boolean matches(EvaluationContext context) {
    JsonNode value = context.attribute(attribute);
    if (value == null) {
      return false;
    }
    if (op == ClauseOperator.NOT_IN) {
      return !anyElementMatches(value, ClauseOperator.IN);
    }
    return anyElementMatches(value, op);
  }

  private boolean anyElementMatches(JsonNode value, ClauseOperator operator) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (!element.isNull() && scalarMatches(element, operator)) {
          return true;
        }
      }
      return false;
    }
    return scalarMatches(value, operator);
  }

  private boolean scalarMatches(JsonNode value, ClauseOperator operator) {
    return switch (operator.kind()) {
      case ANY -> values.stream().anyMatch(candidate -> ValueSchema.sameValue(candidate, value));
      case STRING -> value.isString() && stringMatches(value.stringValue(), operator);
      case NUMBER -> value.isNumber() && numberMatches(value.decimalValue(), operator);
      case SEMVER -> value.isString() && versionMatches(value.stringValue(), operator);
    };
  }

  private boolean stringMatches(String text, ClauseOperator operator) {
    if (operator == ClauseOperator.MATCHES) {
      return patterns.stream().anyMatch(pattern -> pattern.matcher(text).find());
    }
    for (JsonNode candidate : values) {
      String wanted = candidate.stringValue();
      boolean match =
          switch (operator) {
            case STARTS_WITH -> text.startsWith(wanted);
            case ENDS_WITH -> text.endsWith(wanted);
            case CONTAINS -> text.contains(wanted);
            default -> false;
          };
      if (match) {
        return true;
      }
    }
    return false;
  }

  private boolean numberMatches(BigDecimal number, ClauseOperator operator) {
    for (JsonNode candidate : values) {
      int comparison = number.compareTo(candidate.decimalValue());
      boolean match =
          switch (operator) {
            case LT -> comparison < 0;
            case LTE -> comparison <= 0;
            case GT -> comparison > 0;
            case GTE -> comparison >= 0;
            default -> false;
          };
      if (match) {
        return true;
      }
    }
    return false;
  }

  private boolean versionMatches(String text, ClauseOperator operator) {
    SemanticVersion version = SemanticVersion.parse(text);
    if (version == null) {
      return false;
    }
    for (SemanticVersion candidate : versions) {
      int comparison = version.compareTo(candidate);
      boolean match =
          switch (operator) {
            case SEMVER_EQ -> comparison == 0;
            case SEMVER_LT -> comparison < 0;
            case SEMVER_GT -> comparison > 0;
            default -> false;
          };
      if (match) {
        return true;
      }
    }
    return false;
  }

  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("attribute", attribute);
    node.put("op", op.apiName());
    ArrayNode array = node.putArray("values");
    values.forEach(value -> array.add(value.deepCopy()));
    return node;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Clause clause
        && attribute.equals(clause.attribute)
        && op == clause.op
        && values.equals(clause.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(attribute, op, values);
  }

  @Override
  public String toString() {
    return "Clause[attribute=" + attribute + ", op=" + op.apiName() + "]";
  }
}
