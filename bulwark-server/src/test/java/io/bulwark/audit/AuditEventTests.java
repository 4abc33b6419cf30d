package io.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class AuditEventTests {

  private static final AuditActor USER =
      new AuditActor(AuditActor.Type.USER, "u-1", "Jane Roe", "2001:db8::1", "curl/8");

  @Test
  void actionMustBeDottedLowerCaseWords() {
    assertThatThrownBy(() -> event("Secret.Read"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("action"));
    assertThatThrownBy(() -> event("secret"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("action"));
    assertThat(event("secret.read").action()).isEqualTo("secret.read");
  }

  @Test
  void usersAndServicesNeedAnIdButTheSystemDoesNot() {
    assertThatThrownBy(() -> new AuditActor(AuditActor.Type.SERVICE, null, null, null, null))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("actor.id"));
    assertThat(new AuditActor(AuditActor.Type.SYSTEM, null, null, null, null).id()).isNull();
  }

  @Test
  void malformedIpAddressIsRejected() {
    assertThatThrownBy(() -> new AuditActor(AuditActor.Type.USER, "u", null, "not an ip", null))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("actor.ip"));
  }

  @Test
  void detailsOverSixteenKibibytesInCanonicalFormAreRejected() {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("blob", "x".repeat(AuditEvent.MAX_DETAILS_BYTES));
    assertThatThrownBy(() ->
            AuditEvent.builder(AuditCategory.SECURITY, "key.rotated", AuditOutcome.SUCCESS, USER)
                .details(details)
                .build())
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("details"));
  }

  @Test
  void toStringRevealsNeitherPersonalDataNorDetails() {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("email", "jane@example.com");
    AuditEvent event =
        AuditEvent.builder(AuditCategory.PRIVACY, "subject.exported", AuditOutcome.SUCCESS, USER)
            .details(details)
            .build();

    assertThat(event.toString())
        .doesNotContain("jane@example.com")
        .doesNotContain("Jane Roe")
        .doesNotContain("2001:db8::1")
        .contains("subject.exported");
  }

  @Test
  void occurredAtIsKeptToTheMicrosecond() {
    AuditEvent event =
        AuditEvent.builder(AuditCategory.SYSTEM, "node.started", AuditOutcome.SUCCESS, USER)
            .occurredAt(Instant.parse("2025-01-31T12:00:00.123456789Z"))
            .build();
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2025-01-31T12:00:00.123456Z"));
  }

  @Test
  void sensitiveMayMarkPersonalFieldsAndDetailsButNotIdentifyingOrIndexedOnes() {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.putObject("card").put("number", "4111111111111111");
    details.putArray("items").addObject().put("email", "jane@example.com");

    AuditEvent marked =
        markedEvent(details, "actor.ip", "details.card.number", "details.items.email", "actor.ip");

    assertThat(marked.sensitive())
        .containsExactly("actor.ip", "details.card.number", "details.items.email");
    for (String notMarkable :
        List.of(
            "id",
            "category",
            "action",
            "outcome",
            "actor.id",
            "actor.type",
            "resource.id",
            "correlation_id",
            "occurred_at",
            "details",
            "purpose")) {
      assertThatThrownBy(() -> markedEvent(details, "actor.ip", notMarkable))
          .as(notMarkable)
          .isInstanceOfSatisfying(
              InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("sensitive[1]"));
    }
  }

  @Test
  void sensitiveDetailsPathMustBeWellFormedAndNameAField() {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.putObject("card").put("number", "4111111111111111");

    for (String bad :
        List.of(
            "details.card.nubmer",
            "details.",
            "details.card..number",
            "details.card number",
            "details.*",
            "details." + "x".repeat(256))) {
      assertThatThrownBy(() -> markedEvent(details, bad))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("sensitive[0]"));
    }
    assertThatThrownBy(() -> markedEvent(null, "details.card"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("sensitive[0]"));
  }

  @Test
  void atMostThirtyTwoFieldsMayBeMarked() {
    String[] paths = new String[AuditEvent.MAX_SENSITIVE + 1];
    java.util.Arrays.fill(paths, "actor.ip");

    assertThatThrownBy(() -> markedEvent(null, paths))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("sensitive"));
  }

  private static AuditEvent markedEvent(ObjectNode details, String... paths) {
    AuditEvent.Builder builder =
        AuditEvent.builder(AuditCategory.DATA_ACCESS, "card.read", AuditOutcome.SUCCESS, USER)
            .sensitive(paths);
    if (details != null) {
      builder.details(details);
    }
    return builder.build();
  }

  private static AuditEvent event(String action) {
    return AuditEvent.builder(AuditCategory.DATA_ACCESS, action, AuditOutcome.SUCCESS, USER)
        .build();
  }
}
