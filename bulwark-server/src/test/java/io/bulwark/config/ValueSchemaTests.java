package io.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ValueSchemaTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void numberWithinBoundsAndWholeThenAccepted() {
    assertThatCode(() ->
            setting(
                "{\"type\": \"number\", \"value\": 30,"
                    + " \"schema\": {\"minimum\": 1, \"maximum\": 300, \"integer\": true}}"))
        .doesNotThrowAnyException();
  }

  @Test
  void numberOutOfBoundsOrFractionalThenInvalidValue() {
    String schema = ", \"schema\": {\"minimum\": 1, \"maximum\": 300, \"integer\": true}}";
    assertInvalid("{\"type\": \"number\", \"value\": 0" + schema, "value", "at least 1");
    assertInvalid("{\"type\": \"number\", \"value\": 301" + schema, "value", "at most 300");
    assertInvalid("{\"type\": \"number\", \"value\": 2.5" + schema, "value", "whole");
    assertThatCode(() -> setting("{\"type\": \"number\", \"value\": 2.0" + schema))
        .doesNotThrowAnyException();
  }

  @Test
  void valueOfAnotherTypeThenInvalidValue() {
    assertInvalid("{\"type\": \"number\", \"value\": \"30\"}", "value", "number");
    assertInvalid("{\"type\": \"boolean\", \"value\": 1}", "value", "boolean");
    assertInvalid("{\"type\": \"json\", \"value\": null}", "value", "required");
  }

  @Test
  void unknownTypeThenInvalidType() {
    assertInvalid("{\"type\": \"integer\", \"value\": 3}", "type", "one of");
  }

  @Test
  void stringLengthsPatternAndEnumAreChecked() {
    String schema =
        ", \"schema\": {\"min_length\": 2, \"max_length\": 5, \"pattern\": \"^[a-z]+$\"}}";
    assertThatCode(() -> setting("{\"type\": \"string\", \"value\": \"abc\"" + schema))
        .doesNotThrowAnyException();
    assertInvalid("{\"type\": \"string\", \"value\": \"a\"" + schema, "value", "at least 2");
    assertInvalid("{\"type\": \"string\", \"value\": \"abcdef\"" + schema, "value", "at most 5");
    assertInvalid("{\"type\": \"string\", \"value\": \"ab1\"" + schema, "value", "pattern");
    assertInvalid(
        "{\"type\": \"string\", \"value\": \"debug\","
            + " \"schema\": {\"enum\": [\"info\", \"warn\"]}}",
        "value",
        "enum");
  }

  @Test
  void catastrophicBacktrackingPatternRunsInLinearTime() {
    String evil = "a".repeat(50_000) + "!";
    long started = System.nanoTime();
    assertInvalid(
        "{\"type\": \"string\", \"value\": \""
            + evil
            + "\", \"schema\": {\"pattern\": \"^(a+)+$\"}}",
        "value",
        "pattern");
    // java.util.regex needs longer than the age of the universe here; RE2/J is linear.
    assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
  }

  @Test
  void patternWithBackreferenceThenInvalidSchema() {
    assertInvalid(
        "{\"type\": \"string\", \"value\": \"aa\", \"schema\": {\"pattern\": \"(a)\\\\1\"}}",
        "schema.pattern",
        "RE2");
  }

  @Test
  void keywordOfAnotherTypeThenUnknownField() {
    assertUnknown(
        "{\"type\": \"number\", \"value\": 3, \"schema\": {\"max_length\": 3}}",
        "schema.max_length");
    assertUnknown(
        "{\"type\": \"boolean\", \"value\": true, \"schema\": {\"enum\": [true]}}", "schema.enum");
    assertUnknown(
        "{\"type\": \"json\", \"value\": {}, \"schema\": {\"maxLength\": 3}}", "schema.maxLength");
  }

  @Test
  void contradictoryBoundsThenInvalidSchema() {
    assertInvalid(
        "{\"type\": \"number\", \"value\": 3, \"schema\": {\"minimum\": 5, \"maximum\": 1}}",
        "schema.minimum",
        "greater");
  }

  @Test
  void jsonSchemaChecksTypesRequiredPropertiesAndItems() {
    String schema =
        """
        , "schema": {"type": "object", "required": ["host", "ports"],
          "additional_properties": false,
          "properties": {
            "host": {"type": "string", "max_length": 64},
            "ports": {"type": "array", "min_items": 1, "items": {"type": "integer",
                      "minimum": 1, "maximum": 65535}}}}}
        """;
    assertThatCode(() ->
            setting(
                "{\"type\": \"json\", \"value\": {\"host\": \"db\", \"ports\": [5432]}" + schema))
        .doesNotThrowAnyException();
    assertInvalid(
        "{\"type\": \"json\", \"value\": {\"host\": \"db\"}" + schema, "value", "'ports'");
    assertInvalid(
        "{\"type\": \"json\", \"value\": {\"host\": \"db\", \"ports\": [0]}" + schema,
        "value",
        "/ports/0");
    assertInvalid(
        "{\"type\": \"json\", \"value\": {\"host\": \"db\", \"ports\": [1], \"x\": 1}" + schema,
        "value",
        "'x'");
    assertInvalid(
        "{\"type\": \"json\", \"value\": {\"host\": 7, \"ports\": [1]}" + schema,
        "value",
        "type string");
    assertInvalid(
        "{\"type\": \"json\", \"value\": {\"host\": \"db\", \"ports\": []}" + schema,
        "value",
        "at least 1 items");
  }

  @Test
  void schemaNestedTooDeepThenInvalidSchema() {
    String schema = "{\"type\": \"array\"}";
    for (int i = 0; i < ValueSchema.MAX_DEPTH; i++) {
      schema = "{\"type\": \"array\", \"items\": " + schema + "}";
    }
    String json = "{\"type\": \"json\", \"value\": [], \"schema\": " + schema + "}";
    assertThatThrownBy(() -> setting(json))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.reason()).contains("deeper"));
  }

  @Test
  void credentialValueThenRefusedWithAPointerToTheVault() {
    assertInvalid(
        "{\"type\": \"json\", \"value\": {\"db\": {\"password\": \"Tr0ub4dor-and-3\"}}}",
        "value",
        "vault");
    assertInvalid(
        "{\"type\": \"string\", \"value\": \"postgres://app:s3cr3t-pw@db.internal/app\"}",
        "value",
        "vault");
  }

  @Test
  void credentialInTheDescriptionThenRefusedNamingTheDescription() {
    assertInvalid(
        "{\"type\": \"boolean\", \"value\": true,"
            + " \"description\": \"enable the importer; password=Tr0ub4dor-and-3\"}",
        "description",
        "vault");
  }

  @Test
  void ordinaryValuesAreNotMistakenForCredentials() {
    assertThatCode(() ->
            setting(
                "{\"type\": \"json\", \"value\": {\"support_email\": \"help@example.com\","
                    + " \"allowed_ips\": [\"10.0.0.1\"], \"password_min_length\": 12}}"))
        .doesNotThrowAnyException();
  }

  @Test
  void valueOverSixtyFourKibibytesThenPayloadTooLarge() {
    String big = "x".repeat(ConfigLimits.MAX_BYTES);
    assertThatThrownBy(() -> setting("{\"type\": \"string\", \"value\": \"" + big + "\"}"))
        .isInstanceOfSatisfying(
            ApiProblem.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
  }

  private static SettingDefinition setting(String json) {
    return SettingDefinition.fromJson(JSON.readTree(json));
  }

  private static void assertInvalid(String json, String field, String reason) {
    assertThatThrownBy(() -> setting(json))
        .as(json.length() > 200 ? json.substring(0, 200) : json)
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.reason()).contains(reason);
            });
  }

  private static void assertUnknown(String json, String field) {
    assertThatThrownBy(() -> setting(json))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.UNKNOWN_FIELD);
              assertThat(e.properties()).containsEntry("field", field);
            });
  }
}
