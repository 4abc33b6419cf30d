package io.bulwark.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@BulwarkIntegrationTest
class ClassificationSchemaApiIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";
  private static final String PATIENT =
      """
      {"name": "patient", "description": "A patient record", "fields": [
        {"path": "email", "tier": "customer_sensitive"},
        {"path": "mrn", "tier": "customer_highly_sensitive"},
        {"path": "clinic", "tier": "public"}]}\
      """;

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired DataSchemas schemas;

  TestApi api;
  String slug;
  TenantId tenant;
  String developer;
  String admin;

  @BeforeEach
  void setUp() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    slug = acme.slug();
    tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "dev", "dev-secret-0123456789", "product-developer");
    clients.register(tenant, "admin", "admin-secret-0123456789", "tenant-admin");
    developer = api.token(slug, "dev", "dev-secret-0123456789");
    admin = api.token(slug, "admin", "admin-secret-0123456789");
  }

  private String schemas() {
    return "/api/v1/tenants/" + slug + "/classification/schemas";
  }

  private Response register(String body) {
    return api.post(schemas()).bearer(admin).json(body).send();
  }

  @Test
  void tenantAdminRegistersASchemaAndADeveloperReadsIt() {
    Response created = register(PATIENT);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo(schemas() + "/patient");
    assertThat(created.json().get("version").asInt()).isEqualTo(1);

    Response read = api.get(schemas() + "/patient").bearer(developer).send();
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("description").asString()).isEqualTo("A patient record");
    assertThat(read.json().get("fields").get(1).get("tier").asString())
        .isEqualTo("customer_highly_sensitive");
    assertThat(schemas.tierOf(tenant, new SchemaName("patient"), "email"))
        .contains(ClassificationTier.CUSTOMER_SENSITIVE);
  }

  @Test
  void replacingASchemaGivesItTheNextVersion() {
    register(PATIENT);

    Response replaced =
        api.request("PUT", schemas() + "/patient")
            .bearer(admin)
            .json("{\"fields\": [{\"path\": \"email\", \"tier\": \"customer_highly_sensitive\"}]}")
            .send();

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
    assertThat(replaced.json().get("fields")).hasSize(1);
    assertThat(schemas.tierOf(tenant, new SchemaName("patient"), "email"))
        .contains(ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE);
  }

  @Test
  void replacingAMissingSchemaIsNotFound() {
    Response replaced =
        api.request("PUT", schemas() + "/nobody")
            .bearer(admin)
            .json("{\"fields\": [{\"path\": \"email\", \"tier\": \"public\"}]}")
            .send();

    assertProblem(replaced, 404, "not-found");
  }

  @Test
  void replacingWithAnotherNameInTheBodyIsRejected() {
    register(PATIENT);

    Response replaced =
        api.request("PUT", schemas() + "/patient")
            .bearer(admin)
            .json("{\"name\": \"doctor\", \"fields\": [{\"path\": \"a\", \"tier\": \"public\"}]}")
            .send();

    assertInvalidField(replaced, "name");
  }

  @Test
  void deletedSchemaIsGone() {
    register(PATIENT);

    Response deleted = api.request("DELETE", schemas() + "/patient").bearer(admin).send();
    Response read = api.get(schemas() + "/patient").bearer(admin).send();
    Response again = api.request("DELETE", schemas() + "/patient").bearer(admin).send();

    assertThat(deleted.status()).isEqualTo(204);
    assertProblem(read, 404, "not-found");
    assertProblem(again, 404, "not-found");
  }

  @Test
  void listingWalksEverySchemaOnceThroughCursors() {
    for (String name : List.of("a-one", "b-two", "c-three", "d-four", "e-five")) {
      register(
          "{\"name\": \"" + name + "\", \"fields\": [{\"path\": \"x\", \"tier\": \"public\"}]}");
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Response page =
          api.get(schemas() + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
              .bearer(developer)
              .send();
      assertThat(page.status()).isEqualTo(200);
      page.json().get("items").forEach(s -> seen.add(s.get("name").asString()));
      cursor = page.json().has("next_cursor") ? page.json().get("next_cursor").asString() : null;
    } while (cursor != null);

    assertThat(seen).containsExactly("a-one", "b-two", "c-three", "d-four", "e-five");
  }

  @Test
  void limitOutOfRangeIsAnInvalidParameter() {
    assertProblem(
        api.get(schemas() + "?limit=0").bearer(developer).send(), 400, "invalid-parameter");
    assertProblem(
        api.get(schemas() + "?cursor=!!").bearer(developer).send(), 400, "invalid-parameter");
  }

  @Test
  void duplicateSchemaNameIsAConflict() {
    register(PATIENT);

    Response duplicate = register(PATIENT);

    assertProblem(duplicate, 409, "already-exists");
    assertThat(duplicate.json().get("field").asString()).isEqualTo("name");
  }

  @Test
  void unknownTierIsRejectedNamingTheField() {
    Response response =
        register(
            """
            {"name": "patient", "fields": [
              {"path": "email", "tier": "customer_sensitive"},
              {"path": "phone", "tier": "customer_sensitive"},
              {"path": "ssn", "tier": "top_secret"}]}\
            """);

    assertInvalidField(response, "fields[2].tier");
  }

  @Test
  void missingTierIsRejectedNamingTheField() {
    assertInvalidField(
        register("{\"name\": \"patient\", \"fields\": [{\"path\": \"email\"}]}"), "fields[0].tier");
  }

  @Test
  void duplicateFieldPathIsRejectedNamingTheRepeat() {
    Response response =
        register(
            """
            {"name": "patient", "fields": [
              {"path": "email", "tier": "customer_sensitive"},
              {"path": "email", "tier": "public"}]}\
            """);

    assertInvalidField(response, "fields[1].path");
  }

  @Test
  void badPathIsRejectedNamingTheField() {
    assertInvalidField(
        register(
            "{\"name\": \"patient\", \"fields\": [{\"path\": \"a..b\", \"tier\": \"public\"}]}"),
        "fields[0].path");
  }

  @Test
  void badOrMissingNameIsRejected() {
    assertInvalidField(
        register("{\"name\": \"Patient!\", \"fields\": [{\"path\": \"a\", \"tier\": \"public\"}]}"),
        "name");
    assertInvalidField(register("{\"fields\": [{\"path\": \"a\", \"tier\": \"public\"}]}"), "name");
  }

  @Test
  void missingFieldsAreRejected() {
    assertInvalidField(register("{\"name\": \"patient\"}"), "fields");
    assertInvalidField(register("{\"name\": \"patient\", \"fields\": []}"), "fields");
  }

  @Test
  void unknownMemberOfAFieldIsRejected() {
    Response response =
        register(
            "{\"name\": \"p\", \"fields\": [{\"path\": \"a\", \"tier\": \"public\", \"pii\": 1}]}");

    assertProblem(response, 400, "unknown-field");
  }

  @Test
  void developerMayReadButNotWrite() {
    Response response = api.post(schemas()).bearer(developer).json(PATIENT).send();

    assertProblem(response, 403, "forbidden");
  }

  @Test
  void redactorMayNotReadSchemas() {
    clients.register(tenant, "bot", "bot-secret-0123456789", "redactor");
    String bot = api.token(slug, "bot", "bot-secret-0123456789");

    assertProblem(api.get(schemas()).bearer(bot).send(), 403, "forbidden");
  }

  @Test
  void anotherTenantsSchemaIsInvisible() {
    register(PATIENT);
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    TenantId other = TenantId.parse(created.json().get("id").asString());
    clients.register(other, "admin", "other-secret-0123456789", "tenant-admin");
    String otherAdmin = api.token(globex.slug(), "admin", "other-secret-0123456789");
    String otherSchemas = "/api/v1/tenants/" + globex.slug() + "/classification/schemas";

    assertProblem(api.get(otherSchemas + "/patient").bearer(otherAdmin).send(), 404, "not-found");
    assertThat(api.get(otherSchemas).bearer(otherAdmin).send().json().get("items")).isEmpty();
    assertProblem(api.get(schemas() + "/patient").bearer(otherAdmin).send(), 403, "forbidden");
    assertThat(schemas.find(other, new SchemaName("patient"))).isEmpty();
    assertThat(schemas.find(tenant, new SchemaName("patient"))).isPresent();
  }

  @Test
  void unknownTenantIsNotFoundForThePlatformAdmin() {
    Response response =
        api.get("/api/v1/tenants/no-such-tenant/classification/schemas")
            .bearer(api.adminToken())
            .send();

    assertProblem(response, 404, "tenant-not-found");
  }

  @Test
  void anyAuthenticatedCallerListsTheTiers() {
    Response response = api.get("/api/v1/classification/tiers").bearer(developer).send();

    assertThat(response.status()).isEqualTo(200);
    var items = response.json().get("items");
    assertThat(items).hasSize(5);
    var highly = items.get(4);
    assertThat(highly.get("tier").asString()).isEqualTo("customer_highly_sensitive");
    assertThat(highly.get("rules").get("break_glass_outside_role").asBoolean()).isTrue();
    assertThat(highly.get("rules").get("default_retention").asString()).isEqualTo("P7Y");
    assertThat(highly.get("detector_types").toString()).contains("CREDIT_CARD");
    assertThat(api.get("/api/v1/classification/tiers").send().status()).isEqualTo(401);
  }

  private static void assertInvalidField(Response response, String field) {
    assertProblem(response, 400, "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo(field);
  }

  private static void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
  }
}
