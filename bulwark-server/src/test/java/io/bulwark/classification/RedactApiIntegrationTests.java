package io.bulwark.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@BulwarkIntegrationTest
class RedactApiIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";
  private static final String CARD = "4111 1111 1111 1111";
  private static final String EMAIL = "jane.roe@example.org";
  private static final String TEXT = "Refund card " + CARD + " and mail " + EMAIL + " today";

  @LocalServerPort int port;
  @Autowired TestClients clients;

  TestApi api;
  String slug;
  TenantId tenant;
  String redactor;

  @BeforeEach
  void setUp() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    slug = acme.slug();
    tenant = createTenant(acme.json());
    clients.register(tenant, "bot", "bot-secret-0123456789", "redactor");
    redactor = api.token(slug, "bot", "bot-secret-0123456789");
  }

  private TenantId createTenant(String json) {
    Response created = api.post("/api/v1/tenants").bearer(api.adminToken()).json(json).send();
    return TenantId.parse(created.json().get("id").asString());
  }

  private Response redact(String tenantSlug, String token, String body) {
    return api.post("/api/v1/tenants/" + tenantSlug + "/redact").bearer(token).json(body).send();
  }

  private Response redact(String body) {
    return redact(slug, redactor, body);
  }

  private static String text(String text, String extra) {
    return "{\"text\": \"" + text + "\"" + extra + "}";
  }

  @Test
  void textWithACardAndAnEmailIsRedactedAndFindingsHoldNoValues() {
    Response response = redact(text(TEXT, ""));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("Cache-Control")).contains("no-store");
    assertThat(response.json().get("text").asString())
        .isEqualTo("Refund card [REDACTED:CREDIT_CARD] and mail [REDACTED:EMAIL] today");
    JsonNode findings = response.json().get("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).get("type").asString()).isEqualTo("CREDIT_CARD");
    assertThat(findings.get(0).get("start").asInt()).isEqualTo(TEXT.indexOf(CARD));
    assertThat(findings.get(0).get("end").asInt()).isEqualTo(TEXT.indexOf(CARD) + CARD.length());
    assertThat(findings.get(0).get("confidence").asDouble()).isBetween(0.5, 1.0);
    assertThat(findings.get(1).get("type").asString()).isEqualTo("EMAIL");
    assertThat(findings.toString())
        .doesNotContain(CARD)
        .doesNotContain(EMAIL)
        .doesNotContain("1111");
    assertThat(response.body()).doesNotContain(CARD).doesNotContain(EMAIL);
  }

  @Test
  void maskLast4KeepsTheEndOfTheCardOnly() {
    Response response = redact(text(TEXT, ", \"strategy\": \"mask_last4\""));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("text").asString())
        .contains("**** **** **** 1111")
        .doesNotContain(EMAIL);
  }

  @Test
  void pseudonymsAreStableWithinATenantAndDifferAcrossTenants() {
    String body = text("mail " + EMAIL, ", \"strategy\": \"pseudonymize\"");
    String first = redact(body).json().get("text").asString();
    String second = redact(body).json().get("text").asString();
    String differentCase =
        redact(
                text(
                    "mail " + EMAIL.toUpperCase(java.util.Locale.ROOT),
                    ", \"strategy\": \"pseudonymize\""))
            .json()
            .get("text")
            .asString();

    var globex = TestTenants.globex();
    TenantId other = createTenant(globex.json());
    clients.register(other, "bot", "other-secret-0123456789", "redactor");
    String otherToken = api.token(globex.slug(), "bot", "other-secret-0123456789");
    String elsewhere = redact(globex.slug(), otherToken, body).json().get("text").asString();

    assertThat(first).matches("mail \\[EMAIL#[0-9a-f]{16}\\]");
    assertThat(second).isEqualTo(first);
    assertThat(differentCase).isEqualTo(first);
    assertThat(elsewhere).matches("mail \\[EMAIL#[0-9a-f]{16}\\]").isNotEqualTo(first);
  }

  @Test
  void jsonIsRedactedByItsSchemaAndByValueDetection() {
    clients.register(tenant, "admin", "admin-secret-0123456789", "tenant-admin");
    String admin = api.token(slug, "admin", "admin-secret-0123456789");
    Response schema =
        api.post("/api/v1/tenants/" + slug + "/classification/schemas")
            .bearer(admin)
            .json(
                """
                {"name": "patient", "fields": [
                  {"path": "contact_address", "tier": "customer_sensitive"},
                  {"path": "insurance", "tier": "customer_highly_sensitive"},
                  {"path": "clinic", "tier": "public"}]}\
                """)
            .send();
    assertThat(schema.status()).isEqualTo(201);

    Response response =
        redact(
            """
            {"schema": "patient", "json": {
              "contact_address": "12 Elm Street",
              "insurance": {"plan": "gold", "member": 4242},
              "clinic": "North",
              "password": "correct-horse-battery",
              "visits": [{"note": "paid with %s"}, {"note": "no charge"}],
              "age": 44}}\
            """
                .formatted(CARD));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode json = response.json().get("json");
    assertThat(json.get("contact_address").asString()).isEqualTo("[REDACTED:CUSTOMER_SENSITIVE]");
    assertThat(json.get("insurance").asString()).isEqualTo("[REDACTED:CUSTOMER_HIGHLY_SENSITIVE]");
    assertThat(json.get("clinic").asString()).isEqualTo("North");
    assertThat(json.get("password").asString()).isEqualTo("[REDACTED:PASSWORD]");
    assertThat(json.get("visits").get(0).get("note").asString())
        .isEqualTo("paid with [REDACTED:CREDIT_CARD]");
    assertThat(json.get("visits").get(1).get("note").asString()).isEqualTo("no charge");
    assertThat(json.get("age").asInt()).isEqualTo(44);
    assertThat(response.json().get("findings").toString())
        .contains("{\"type\":\"CUSTOMER_SENSITIVE\",\"path\":\"contact_address\"}")
        .contains("{\"type\":\"CREDIT_CARD\",\"path\":\"visits[0].note\"}")
        .contains("{\"type\":\"PASSWORD\",\"path\":\"password\"}");
    assertThat(response.body())
        .doesNotContain(CARD)
        .doesNotContain("Elm Street")
        .doesNotContain("correct-horse");
  }

  @Test
  void jsonWithoutSchemaIsRedactedByValueDetection() {
    Response response = redact("{\"json\": [\"" + EMAIL + "\", 7, null, true]}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("json").toString())
        .isEqualTo("[\"[REDACTED:EMAIL]\",7,null,true]");
    assertThat(response.json().get("findings").toString())
        .isEqualTo("[{\"type\":\"EMAIL\",\"path\":\"[0]\"}]");
  }

  @Test
  void bothTextAndJsonAreRejected() {
    assertInvalidField(redact("{\"text\": \"a\", \"json\": {\"a\": 1}}"), "text");
  }

  @Test
  void neitherTextNorJsonIsRejected() {
    assertInvalidField(redact("{\"strategy\": \"replace\"}"), "text");
    assertInvalidField(redact("{\"json\": null}"), "text");
  }

  @Test
  void unknownStrategyIsRejected() {
    assertInvalidField(redact(text("x", ", \"strategy\": \"shred\"")), "strategy");
  }

  @Test
  void unknownSchemaIsRejected() {
    assertInvalidField(redact("{\"json\": {\"a\": 1}, \"schema\": \"nobody\"}"), "schema");
    assertInvalidField(redact("{\"json\": {\"a\": 1}, \"schema\": \"Bad Name\"}"), "schema");
  }

  @Test
  void schemaWithTextIsRejected() {
    assertInvalidField(redact(text("x", ", \"schema\": \"patient\"")), "schema");
  }

  @Test
  void unknownMemberIsRejected() {
    Response response = redact(text("x", ", \"mode\": \"fast\""));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "unknown-field");
  }

  @Test
  void tokenWithoutRedactPermissionIsForbidden() {
    clients.register(tenant, "pm", "pm-secret-0123456789", "product-manager");
    String manager = api.token(slug, "pm", "pm-secret-0123456789");

    Response response = redact(slug, manager, text("x", ""));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void anotherTenantsTokenIsForbidden() {
    var globex = TestTenants.globex();
    TenantId other = createTenant(globex.json());
    clients.register(other, "bot", "other-secret-0123456789", "redactor");
    String otherToken = api.token(globex.slug(), "bot", "other-secret-0123456789");

    Response response = redact(slug, otherToken, text("x", ""));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void bodyOverOneMebibyteIsTooLarge() {
    Response response = redact(text("a".repeat(1024 * 1024 + 1), ""));

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "payload-too-large");
  }

  private static void assertInvalidField(Response response, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo(field);
  }
}
