package io.bulwark.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@BulwarkIntegrationTest
class TenantApiIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired Tenants tenants;

  TestApi api;
  String admin;

  @BeforeEach
  void setUp() {
    api = new TestApi(port);
    admin = api.adminToken();
  }

  @Test
  void platformAdminCreatesATenantAndReadsItBack() {
    var acme = TestTenants.acme();
    Response created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/tenants/" + acme.slug());
    assertThat(created.json().get("status").asString()).isEqualTo("active");
    assertThat(created.json().get("region").asString()).isEqualTo("eu-west");

    Response read = api.get("/api/v1/tenants/" + acme.slug()).bearer(admin).send();
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("id").asString()).isEqualTo(created.json().get("id").asString());
    assertThat(read.json().get("display_name").asString()).isEqualTo("Acme Corp");
  }

  @Test
  void systemTenantExistsFromTheFirstStart() {
    Response system = api.get("/api/v1/tenants/system").bearer(admin).send();

    assertThat(system.status()).isEqualTo(200);
    assertThat(system.json().get("slug").asString()).isEqualTo("system");
  }

  @Test
  void listingWalksEveryTenantOnceThroughCursors() {
    for (int i = 0; i < 5; i++) {
      api.post("/api/v1/tenants").bearer(admin).json(TestTenants.globex().json()).send();
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Response page =
          api.get("/api/v1/tenants?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
              .bearer(admin)
              .send();
      assertThat(page.status()).isEqualTo(200);
      page.json()
          .get("items")
          .forEach(t -> assertThat(seen.add(t.get("slug").asString())).isTrue());
      cursor = page.json().has("next_cursor") ? page.json().get("next_cursor").asString() : null;
      pages++;
    } while (cursor != null);

    assertThat(seen).hasSizeGreaterThanOrEqualTo(6).contains("system");
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void duplicateSlugIsAConflict() {
    var acme = TestTenants.acme();
    api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();

    Response duplicate = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();

    assertProblem(duplicate, 409, "already-exists");
  }

  @Test
  void malformedJsonIsABadRequest() {
    Response response = api.post("/api/v1/tenants").bearer(admin).json("{\"slug\": ").send();

    assertProblem(response, 400, "malformed-request");
  }

  @Test
  void unknownFieldIsRejectedByName() {
    Response response =
        api.post("/api/v1/tenants")
            .bearer(admin)
            .json(
                "{\"slug\": \"ok-slug\", \"display_name\": \"x\", \"region\": \"eu\", \"plan\": 1}")
            .send();

    assertProblem(response, 400, "unknown-field");
    assertThat(response.json().get("field").asString()).isEqualTo("plan");
  }

  @Test
  void invalidSlugIsRejectedByName() {
    Response response =
        api.post("/api/v1/tenants")
            .bearer(admin)
            .json(TestTenants.acme().slug("Bad_Slug").json())
            .send();

    assertProblem(response, 400, "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("slug");
  }

  @Test
  void missingRegionIsRejectedByName() {
    Response response =
        api.post("/api/v1/tenants")
            .bearer(admin)
            .json("{\"slug\": \"no-region\", \"display_name\": \"No region\"}")
            .send();

    assertProblem(response, 400, "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("region");
  }

  @Test
  void wrongFieldTypeIsRejectedByName() {
    Response response =
        api.post("/api/v1/tenants")
            .bearer(admin)
            .json("{\"slug\": [1], \"display_name\": \"x\", \"region\": \"eu\"}")
            .send();

    assertProblem(response, 400, "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("slug");
  }

  @Test
  void unknownStatusIsRejectedByName() {
    var acme = TestTenants.acme();
    api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();

    Response response =
        api.patch("/api/v1/tenants/" + acme.slug())
            .bearer(admin)
            .json("{\"status\": \"gone\"}")
            .send();

    assertProblem(response, 400, "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("status");
  }

  @Test
  void bodyOverTheLimitIsTooLarge() {
    String huge = "{\"slug\": \"x\", \"display_name\": \"" + "a".repeat(1_100_000) + "\"}";

    Response response = api.post("/api/v1/tenants").bearer(admin).json(huge).send();

    assertProblem(response, 413, "payload-too-large");
  }

  @Test
  void wrongContentTypeIsUnsupported() {
    Response response =
        api.post("/api/v1/tenants")
            .bearer(admin)
            .body("text/plain", TestTenants.acme().json())
            .send();

    assertProblem(response, 415, "unsupported-media-type");
  }

  @Test
  void unknownTenantIsNotFound() {
    Response response = api.get("/api/v1/tenants/no-such-tenant").bearer(admin).send();

    assertProblem(response, 404, "tenant-not-found");
  }

  @Test
  void unknownTenantIssuerIsNotFound() {
    Response response = api.get("/t/no-such-tenant/.well-known/openid-configuration").send();

    assertProblem(response, 404, "tenant-not-found");
  }

  @Test
  void invalidCursorIsABadRequest() {
    Response response = api.get("/api/v1/tenants?cursor=%25%25").bearer(admin).send();

    assertProblem(response, 400, "invalid-parameter");
  }

  @Test
  void limitOutOfRangeIsABadRequest() {
    Response response = api.get("/api/v1/tenants?limit=0").bearer(admin).send();

    assertProblem(response, 400, "invalid-parameter");
  }

  @Test
  void missingTokenIsUnauthenticatedWithAChallenge() {
    Response response = api.get("/api/v1/tenants").send();

    assertProblem(response, 401, "unauthenticated");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void invalidTokenIsUnauthenticated() {
    String forged = admin.substring(0, admin.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

    Response response = api.get("/api/v1/tenants").bearer(forged).send();

    assertProblem(response, 401, "unauthenticated");
    assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
  }

  @Test
  void tenantTokenMayNotAdministerTenants() {
    var acme = TestTenants.acme();
    Response created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();
    TenantId acmeId = TenantId.parse(created.json().get("id").asString());
    clients.register(acmeId, "acme-service", "acme-service-secret-0123456789abcdef");
    String tenantToken =
        api.token(acme.slug(), "acme-service", "acme-service-secret-0123456789abcdef");

    Response response = api.get("/api/v1/tenants").bearer(tenantToken).send();

    assertProblem(response, 403, "forbidden");
  }

  @Test
  void tenantTokenMayNotReachAnotherTenantsResources() {
    var acme = TestTenants.acme();
    var globex = TestTenants.globex();
    Response created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();
    api.post("/api/v1/tenants").bearer(admin).json(globex.json()).send();
    clients.register(
        TenantId.parse(created.json().get("id").asString()),
        "svc",
        "svc-secret-0123456789abcdef-xyz");
    String acmeToken = api.token(acme.slug(), "svc", "svc-secret-0123456789abcdef-xyz");

    Response response =
        api.get("/api/v1/tenants/" + globex.slug() + "/anything").bearer(acmeToken).send();

    assertProblem(response, 403, "forbidden");
  }

  @Test
  void aClientOfOneTenantCannotGetATokenFromAnotherTenantsIssuer() {
    var acme = TestTenants.acme();
    var globex = TestTenants.globex();
    Response created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();
    api.post("/api/v1/tenants").bearer(admin).json(globex.json()).send();
    clients.register(
        TenantId.parse(created.json().get("id").asString()),
        "roamer",
        "roamer-secret-0123456789abcdef-x");

    Response response =
        api.post("/t/" + globex.slug() + "/oauth2/token")
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString("roamer:roamer-secret-0123456789abcdef-x".getBytes()))
            .body("application/x-www-form-urlencoded", "grant_type=client_credentials")
            .send();

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
  }

  @Test
  void suspendedTenantIsRefusedAtItsIssuerAndItsApis() {
    var acme = TestTenants.acme();
    Response created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();
    clients.register(
        TenantId.parse(created.json().get("id").asString()),
        "svc",
        "svc-secret-0123456789abcdef-xyz");
    String tenantToken = api.token(acme.slug(), "svc", "svc-secret-0123456789abcdef-xyz");

    Response suspended =
        api.patch("/api/v1/tenants/" + acme.slug())
            .bearer(admin)
            .json("{\"status\": \"suspended\"}")
            .send();
    assertThat(suspended.status()).isEqualTo(200);
    assertThat(suspended.json().get("status").asString()).isEqualTo("suspended");

    assertProblem(
        api.post("/t/" + acme.slug() + "/oauth2/token")
            .body("application/x-www-form-urlencoded", "grant_type=client_credentials")
            .send(),
        403,
        "tenant-suspended");
    assertProblem(
        api.get("/t/" + acme.slug() + "/.well-known/openid-configuration").send(),
        403,
        "tenant-suspended");
    assertProblem(
        api.get("/api/v1/tenants/" + acme.slug() + "/anything").bearer(tenantToken).send(),
        403,
        "tenant-suspended");

    Response reactivated =
        api.patch("/api/v1/tenants/" + acme.slug())
            .bearer(admin)
            .json("{\"status\": \"active\"}")
            .send();
    assertThat(reactivated.json().get("status").asString()).isEqualTo("active");
    assertThat(api.get("/t/" + acme.slug() + "/.well-known/openid-configuration").send().status())
        .isEqualTo(200);
  }

  @Test
  void renamingKeepsEverythingElse() {
    var acme = TestTenants.acme();
    api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();

    Response renamed =
        api.patch("/api/v1/tenants/" + acme.slug())
            .bearer(admin)
            .json("{\"display_name\": \"Acme Holdings\"}")
            .send();

    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().get("display_name").asString()).isEqualTo("Acme Holdings");
    assertThat(renamed.json().get("status").asString()).isEqualTo("active");
    assertThat(tenants.find(new TenantSlug(acme.slug())).orElseThrow().displayName())
        .isEqualTo("Acme Holdings");
  }

  static void assertProblem(Response response, int status, String type) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.problemType()).isEqualTo(PROBLEMS + type);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
