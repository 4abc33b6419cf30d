package io.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FlagEvaluationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void disabledFlagServesItsOffValueWhateverTheRules() {
    FeatureFlag flag =
        flag(
            """
            {"type": "string", "enabled": false, "default": "blue", "off": "grey",
             "rules": [{"clauses": [], "serve": "red"}]}
            """);
    FlagEvaluation evaluation = FlagEvaluator.evaluate(flag, context("{}"));
    assertThat(evaluation.value().stringValue()).isEqualTo("grey");
    assertThat(evaluation.reason()).isEqualTo(EvaluationReason.DISABLED);
  }

  @Test
  void disabledFlagWithoutOffValueServesItsDefault() {
    FeatureFlag flag = flag("{\"type\": \"boolean\", \"enabled\": false, \"default\": false}");
    assertThat(FlagEvaluator.evaluate(flag, context("{}")).value().booleanValue()).isFalse();
  }

  @Test
  void firstMatchingRuleWinsAndNamesItsIndex() {
    FeatureFlag flag =
        flag(
            """
            {"type": "string", "default": "none", "rules": [
              {"clauses": [{"attribute": "country", "op": "in", "values": ["US"]}], "serve": "us"},
              {"clauses": [{"attribute": "country", "op": "in", "values": ["DE", "FR"]}],
               "serve": "eu"},
              {"clauses": [{"attribute": "plan", "op": "in", "values": ["pro"]}], "serve": "pro"}
            ]}
            """);
    FlagEvaluation evaluation =
        FlagEvaluator.evaluate(flag, context("{\"country\": \"FR\", \"plan\": \"pro\"}"));
    assertThat(evaluation.value().stringValue()).isEqualTo("eu");
    assertThat(evaluation.reason()).isEqualTo(EvaluationReason.RULE_MATCH);
    assertThat(evaluation.ruleIndex()).isEqualTo(1);
    FlagEvaluation fallback = FlagEvaluator.evaluate(flag, context("{\"country\": \"JP\"}"));
    assertThat(fallback.value().stringValue()).isEqualTo("none");
    assertThat(fallback.reason()).isEqualTo(EvaluationReason.DEFAULT);
    assertThat(fallback.ruleIndex()).isNull();
  }

  @Test
  void ruleMatchesOnlyWhenEveryClauseHolds() {
    FeatureFlag flag =
        flag(
            """
            {"type": "boolean", "default": false, "rules": [{"clauses": [
              {"attribute": "country", "op": "in", "values": ["DE"]},
              {"attribute": "age", "op": "gte", "values": [18]}], "serve": true}]}
            """);
    assertThat(value(flag, "{\"country\": \"DE\", \"age\": 18}").booleanValue()).isTrue();
    assertThat(value(flag, "{\"country\": \"DE\", \"age\": 17.5}").booleanValue()).isFalse();
    assertThat(value(flag, "{\"country\": \"FR\", \"age\": 40}").booleanValue()).isFalse();
  }

  @Test
  void clauseOnMissingAttributeNeverMatchesNotInIncluded() {
    FeatureFlag flag =
        flag(
            """
            {"type": "boolean", "default": false, "rules": [{"clauses": [
              {"attribute": "country", "op": "not_in", "values": ["DE"]}], "serve": true}]}
            """);
    assertThat(value(flag, "{}").booleanValue()).isFalse();
    assertThat(value(flag, "{\"country\": \"FR\"}").booleanValue()).isTrue();
    assertThat(value(flag, "{\"country\": \"DE\"}").booleanValue()).isFalse();
  }

  @Test
  void arrayAttributeMatchesWhenOneElementMatchesAndNotInWhenNoneIsListed() {
    FeatureFlag in =
        flag(
            """
            {"type": "boolean", "default": false, "rules": [{"clauses": [
              {"attribute": "groups", "op": "in", "values": ["beta"]}], "serve": true}]}
            """);
    assertThat(value(in, "{\"groups\": [\"staff\", \"beta\"]}").booleanValue()).isTrue();
    assertThat(value(in, "{\"groups\": [\"staff\"]}").booleanValue()).isFalse();
    FeatureFlag notIn =
        flag(
            """
            {"type": "boolean", "default": false, "rules": [{"clauses": [
              {"attribute": "groups", "op": "not_in", "values": ["banned"]}], "serve": true}]}
            """);
    assertThat(value(notIn, "{\"groups\": [\"staff\", \"banned\"]}").booleanValue()).isFalse();
    assertThat(value(notIn, "{\"groups\": [\"staff\"]}").booleanValue()).isTrue();
  }

  @Test
  void inComparesNumbersByValueAndNeverAcrossTypes() {
    FeatureFlag flag =
        flag(
            """
            {"type": "boolean", "default": false, "rules": [{"clauses": [
              {"attribute": "tier", "op": "in", "values": [2]}], "serve": true}]}
            """);
    assertThat(value(flag, "{\"tier\": 2.0}").booleanValue()).isTrue();
    assertThat(value(flag, "{\"tier\": \"2\"}").booleanValue()).isFalse();
  }

  @Test
  void stringOperatorsMatchTheirPart() {
    assertThat(matches("starts_with", "[\"acme-\"]", "\"acme-eu\"")).isTrue();
    assertThat(matches("starts_with", "[\"acme-\"]", "\"eu-acme\"")).isFalse();
    assertThat(matches("ends_with", "[\"@example.com\"]", "\"ann@example.com\"")).isTrue();
    assertThat(matches("contains", "[\"beta\"]", "\"ios-beta-2\"")).isTrue();
    assertThat(matches("contains", "[\"beta\"]", "42")).isFalse();
    assertThat(matches("matches", "[\"^v[0-9]+$\"]", "\"v12\"")).isTrue();
    assertThat(matches("matches", "[\"^v[0-9]+$\"]", "\"v12a\"")).isFalse();
  }

  @Test
  void numberOperatorsCompareWithAnyValue() {
    assertThat(matches("lt", "[10]", "9.99")).isTrue();
    assertThat(matches("lt", "[10]", "10")).isFalse();
    assertThat(matches("lte", "[10]", "10")).isTrue();
    assertThat(matches("gt", "[10]", "10.01")).isTrue();
    assertThat(matches("gte", "[10]", "9")).isFalse();
    assertThat(matches("gt", "[10]", "\"11\"")).isFalse();
  }

  @Test
  void semverOperatorsFollowPrecedence() {
    assertThat(matches("semver_lt", "[\"2.4.0\"]", "\"2.4.0-rc.1\"")).isTrue();
    assertThat(matches("semver_lt", "[\"2.4.0\"]", "\"2.10.0\"")).isFalse();
    assertThat(matches("semver_gt", "[\"2.4.0\"]", "\"2.10.0\"")).isTrue();
    assertThat(matches("semver_eq", "[\"2.4.0\"]", "\"2.4.0+build.7\"")).isTrue();
    assertThat(matches("semver_lt", "[\"1.0.0-rc.10\"]", "\"1.0.0-rc.2\"")).isTrue();
    assertThat(matches("semver_eq", "[\"2.4.0\"]", "\"2.4\"")).isFalse();
  }

  @Test
  void rolloutServesAboutItsPercentageOfTenThousandIds() {
    FeatureFlag flag =
        flag(
            """
            {"type": "boolean", "default": false,
             "rollout": {"percentage": 25, "by": "user_id", "serve": true}}
            """);
    int served = 0;
    for (int i = 0; i < 10_000; i++) {
      FlagEvaluation evaluation = FlagEvaluator.evaluate(flag, context(userId("u-" + i)));
      if (evaluation.value().booleanValue()) {
        served++;
        assertThat(evaluation.reason()).isEqualTo(EvaluationReason.ROLLOUT);
      } else {
        assertThat(evaluation.reason()).isEqualTo(EvaluationReason.DEFAULT);
      }
    }
    // 25 % of 10,000 has a standard deviation of about 43: 2,350..2,650 is beyond 3.4 sigma.
    assertThat(served).isBetween(2_350, 2_650);
  }

  @Test
  void raisingThePercentageKeepsEveryoneAlreadyIn() {
    Set<String> atTen = servedIds(flagAt("10"));
    Set<String> atTwenty = servedIds(flagAt("20"));
    Set<String> atTwentyAndAHalf = servedIds(flagAt("20.5"));
    assertThat(atTwenty).containsAll(atTen);
    assertThat(atTwentyAndAHalf).containsAll(atTwenty);
    assertThat(atTen.size()).isBetween(850, 1_150);
    assertThat(atTwenty.size()).isBetween(1_800, 2_200);
    assertThat(servedIds(flagAt("0"))).isEmpty();
    assertThat(servedIds(flagAt("100"))).hasSize(10_000);
  }

  @Test
  void bucketIsStableAndDependsOnKeySaltAndId() {
    ConfigKey key = new ConfigKey("new-checkout");
    int bucket = FlagEvaluator.bucket(key, "salt-1", "u-42");
    assertThat(FlagEvaluator.bucket(key, "salt-1", "u-42")).isEqualTo(bucket);
    assertThat(bucket).isBetween(0, Rollout.BUCKETS - 1);
    int differing = 0;
    for (int i = 0; i < 100; i++) {
      if (FlagEvaluator.bucket(key, "salt-1", "u-" + i)
          != FlagEvaluator.bucket(key, "salt-2", "u-" + i)) {
        differing++;
      }
    }
    assertThat(differing).isGreaterThan(95);
    assertThat(FlagEvaluator.bucket(new ConfigKey("other-flag"), "salt-1", "u-42"))
        .isNotEqualTo(bucket);
  }

  @Test
  void wholeNumberIdsBucketLikeTheirDecimalString() {
    FeatureFlag flag = flagAt("50");
    for (int i = 0; i < 200; i++) {
      assertThat(FlagEvaluator.evaluate(flag, context("{\"user_id\": " + i + "}")).value())
          .isEqualTo(FlagEvaluator.evaluate(flag, context(userId(String.valueOf(i)))).value());
    }
  }

  @Test
  void contextWithoutTheRolloutAttributeGetsTheDefault() {
    FlagEvaluation evaluation = FlagEvaluator.evaluate(flagAt("100"), context("{}"));
    assertThat(evaluation.reason()).isEqualTo(EvaluationReason.DEFAULT);
    assertThat(evaluation.value().booleanValue()).isFalse();
  }

  @Test
  void ruleRolloutServesInsideAndLetsTheOthersReachTheNextRule() {
    FeatureFlag flag =
        flag(
            """
            {"type": "string", "default": "control", "rules": [
              {"clauses": [{"attribute": "country", "op": "in", "values": ["DE"]}],
               "rollout": {"percentage": 50, "by": "user_id", "serve": "treatment"}},
              {"clauses": [{"attribute": "country", "op": "in", "values": ["DE"]}],
               "serve": "de-fallback"}]}
            """);
    int treatment = 0;
    int fallback = 0;
    for (int i = 0; i < 1_000; i++) {
      FlagEvaluation evaluation =
          FlagEvaluator.evaluate(
              flag, context("{\"country\": \"DE\", \"user_id\": \"u-" + i + "\"}"));
      assertThat(evaluation.reason()).isEqualTo(EvaluationReason.RULE_MATCH);
      if (evaluation.ruleIndex() == 0) {
        assertThat(evaluation.value().stringValue()).isEqualTo("treatment");
        treatment++;
      } else {
        assertThat(evaluation.value().stringValue()).isEqualTo("de-fallback");
        fallback++;
      }
    }
    assertThat(treatment).isBetween(420, 580);
    assertThat(treatment + fallback).isEqualTo(1_000);
  }

  @Test
  void unknownOperatorThenInvalidField() {
    assertThatThrownBy(() ->
            definition(
                """
                {"type": "boolean", "default": false, "rules": [{"clauses": [
                  {"attribute": "country", "op": "like", "values": ["DE"]}], "serve": true}]}
                """))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> assertThat(e.field()).isEqualTo("rules[0].clauses[0].op"));
  }

  @Test
  void operatorValuesOfTheWrongKindThenInvalidField() {
    for (String clause :
        new String[] {
          "{\"attribute\": \"age\", \"op\": \"gt\", \"values\": [\"18\"]}",
          "{\"attribute\": \"app\", \"op\": \"semver_lt\", \"values\": [\"2.x\"]}",
          "{\"attribute\": \"app\", \"op\": \"matches\", \"values\": [\"(a\"]}",
          "{\"attribute\": \"app\", \"op\": \"in\", \"values\": []}",
          "{\"attribute\": \"bad name\", \"op\": \"in\", \"values\": [\"x\"]}"
        }) {
      assertThatThrownBy(() ->
              definition(
                  "{\"type\": \"boolean\", \"default\": false, \"rules\": [{\"clauses\": ["
                      + clause
                      + "], \"serve\": true}]}"))
          .as(clause)
          .isInstanceOf(InvalidFieldException.class);
    }
  }

  @Test
  void percentageOutsideZeroToHundredOrFinerThanThousandthsThenInvalidField() {
    for (String percentage : new String[] {"-1", "100.001", "250", "12.3456", "\"10\""}) {
      assertThatThrownBy(() -> flagAt(percentage))
          .as(percentage)
          .isInstanceOfSatisfying(
              InvalidFieldException.class,
              e -> assertThat(e.field()).isEqualTo("rollout.percentage"));
    }
  }

  @Test
  void servedValueOfAnotherTypeThenInvalidField() {
    assertThatThrownBy(() -> definition("{\"type\": \"number\", \"default\": \"ten\"}"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("default"));
    assertThatThrownBy(() ->
            definition(
                "{\"type\": \"boolean\", \"default\": false,"
                    + " \"rules\": [{\"clauses\": [], \"serve\": \"yes\"}]}"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("rules[0].serve"));
  }

  @Test
  void ruleWithBothServeAndRolloutThenInvalidField() {
    assertThatThrownBy(() ->
            definition(
                """
                {"type": "boolean", "default": false, "rules": [{"clauses": [], "serve": true,
                 "rollout": {"percentage": 5, "by": "user_id", "serve": true}}]}
                """))
        .isInstanceOf(InvalidFieldException.class);
  }

  @Test
  void unknownMemberThenUnknownField() {
    assertThatThrownBy(
            () -> definition("{\"type\": \"boolean\", \"default\": false, \"variants\": []}"))
        .isInstanceOfSatisfying(
            ApiProblem.class, e -> assertThat(e.type()).isEqualTo(ProblemType.UNKNOWN_FIELD));
  }

  @Test
  void credentialAsServedValueThenInvalidField() {
    assertThatThrownBy(() ->
            definition(
                "{\"type\": \"string\", \"default\": \"ghp_"
                    + "4aQx9Tz2Lm8Kp3Vb7Nc1Rd6Fs5Gh0Jk2Wq9E\"}"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.getMessage()).contains("vault"));
  }

  @Test
  void contextWithNestedObjectThenInvalidField() {
    assertThatThrownBy(() -> context("{\"user\": {\"id\": 1}}"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("context.user"));
  }

  private static Set<String> servedIds(FeatureFlag flag) {
    Set<String> served = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = "user-" + i;
      if (FlagEvaluator.evaluate(flag, context(userId(id))).value().booleanValue()) {
        served.add(id);
      }
    }
    return served;
  }

  private static FeatureFlag flagAt(String percentage) {
    return flag(
        "{\"type\": \"boolean\", \"default\": false, \"rollout\": {\"percentage\": "
            + percentage
            + ", \"by\": \"user_id\", \"serve\": true}}");
  }

  private static boolean matches(String op, String values, String attribute) {
    FeatureFlag flag =
        flag(
            "{\"type\": \"boolean\", \"default\": false, \"rules\": [{\"clauses\": ["
                + "{\"attribute\": \"a\", \"op\": \""
                + op
                + "\", \"values\": "
                + values
                + "}], \"serve\": true}]}");
    return value(flag, "{\"a\": " + attribute + "}").booleanValue();
  }

  private static String userId(String id) {
    return "{\"user_id\": \"" + id + "\"}";
  }

  private static JsonNode value(FeatureFlag flag, String context) {
    return FlagEvaluator.evaluate(flag, context(context)).value();
  }

  private static FlagDefinition definition(String json) {
    return FlagDefinition.fromJson(JSON.readTree(json));
  }

  private static FeatureFlag flag(String json) {
    return new FeatureFlag(
        new ConfigKey("test-flag"), definition(json).withSalt("fixed-salt"), 1, Instant.now());
  }

  private static EvaluationContext context(String json) {
    return EvaluationContext.of(JSON.readTree(json));
  }
}
