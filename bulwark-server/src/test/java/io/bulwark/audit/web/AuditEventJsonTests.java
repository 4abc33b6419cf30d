package io.bulwark.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.RandomAuditEvents;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditEventJsonTests {

  private static final JsonMapper STRICT = Rfc8785Canonicalizer.strictMapper();
  private static final String EVENT =
      "{\"occurred_at\":\"2025-01-31T12:00:00Z\",\"category\":\"security\",\"action\":\"a.b\","
          + "\"outcome\":\"success\",\"actor\":{\"type\":\"system\"}}";

  @Test
  void streamingParseReadsTheSameEventsAsTheTreeOfTheSameBodyForRandomBatches() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int batch = 0; batch < 300; batch++) {
      int size = 1 + random.nextInt(12);
      List<String> events = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        events.add(RandomAuditEvents.eventJson(random));
      }
      String body = "{ \"events\" : [" + String.join(",\n", events) + "] }";
      List<AuditEvent> expected = new ArrayList<>();
      for (JsonNode event : STRICT.readTree(body).get("events")) {
        expected.add(RandomAuditEvents.fromTree(event));
      }

      List<AuditEvent> parsed = batch(body);

      assertThat(parsed).as("seed %d, batch %d: %s", seed, batch, body).isEqualTo(expected);
      for (int i = 0; i < parsed.size(); i++) {
        assertThat(parsed.get(i).canonicalDetails()).isEqualTo(expected.get(i).canonicalDetails());
      }
    }
  }

  @Test
  void bodyBrokenAfterAnInvalidFieldIsMalformed() {
    String body = "{\"events\":[" + EVENT.replace("security", "nope") + "," + EVENT + ",{]}";

    assertProblem(body, ProblemType.MALFORMED_REQUEST);
  }

  @Test
  void duplicateMemberInsideDetailsIsMalformed() {
    String body =
        "{\"events\":[" + EVENT.replace("}}", "},\"details\":{\"a\":{\"b\":1,\"b\":2}}}") + "]}";

    assertProblem(body, ProblemType.MALFORMED_REQUEST);
  }

  @Test
  void trailingContentAfterTheBodyIsMalformed() {
    assertProblem("{\"events\":[" + EVENT + "]} {}", ProblemType.MALFORMED_REQUEST);
  }

  @Test
  void unknownMemberAfterTheEventsIsReportedBeforeTheirErrors() {
    String body = "{\"events\":[" + EVENT.replace("security", "nope") + "],\"extra\":1}";

    assertThatThrownBy(() -> batch(body))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            problem -> {
              assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_FIELD);
              assertThat(problem.properties()).containsEntry("field", "extra");
            });
  }

  @Test
  void unknownActorMemberIsReportedOnlyAfterTheFieldsBeforeTheActor() {
    String body =
        "{\"events\":["
            + EVENT
                .replace("\"type\":\"system\"", "\"type\":\"system\",\"x\":1")
                .replace("success", "maybe")
            + "]}";

    assertThatThrownBy(() -> batch(body))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            invalid -> assertThat(invalid.field()).isEqualTo("events[0].outcome"));
  }

  @Test
  void moreThanAThousandEventsNameTheEventsField() {
    String body =
        "{\"events\":[" + String.join(",", java.util.Collections.nCopies(1001, EVENT)) + "]}";

    assertThatThrownBy(() -> batch(body))
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            invalid -> assertThat(invalid.field()).isEqualTo("events"));
  }

  private static List<AuditEvent> batch(String body) {
    return AuditEventJson.batch(body.getBytes(StandardCharsets.UTF_8), STRICT);
  }

  private static void assertProblem(String body, ProblemType type) {
    assertThatThrownBy(() -> batch(body))
        .isInstanceOfSatisfying(
            ApiProblem.class, problem -> assertThat(problem.type()).isEqualTo(type));
  }
}
