package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@BulwarkIntegrationTest
class UserApiIntegrationTests {

  static final String SECRET = "user-admin-secret-0123456789abcdefghij";
  static final String GOOD_PASSWORD = "correct horse battery staple";
  static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired JdbcClient jdbc;

  TestApi api;
  TenantId tenant;
  String slug;
  String admin;
  String users;

  @BeforeEach
  void tenantWithAUserAdministrator() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    slug = acme.slug();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "admin", SECRET, "tenant-admin");
    clients.register(tenant, "reader", SECRET, "product-support");
    admin = api.token(slug, "admin", SECRET);
    users = "/api/v1/tenants/" + slug + "/users";
  }

  @Test
  void createdUserComesBackWithoutItsPasswordWhichIsStoredAsArgon2id() {
    Response created = create("ada", "ada@example.com", GOOD_PASSWORD);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).doesNotContain(GOOD_PASSWORD).doesNotContain("password");
    assertThat(created.json().get("status").asString()).isEqualTo("active");
    String hash =
        TenantContext.callAs(
            tenant,
            () ->
                jdbc.sql("select password_hash from users where tenant_id = ? and username = 'ada'")
                    .param(tenant.value())
                    .query(String.class)
                    .single());
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(GOOD_PASSWORD);
  }

  @Test
  void shortPasswordIsRefusedByName() {
    assertInvalid(create("bob", null, "short-pass"), "password");
  }

  @Test
  void commonPasswordIsRefusedWhateverItsCase() {
    Response response = create("carol", null, "PasswordPassword");

    assertInvalid(response, "password");
    assertThat(response.json().get("detail").asString())
        .contains("common")
        .doesNotContain("PasswordPassword");
  }

  @Test
  void passwordContainingTheUsernameIsRefused() {
    assertInvalid(create("dorothea", null, "dorothea-is-the-best-2026"), "password");
  }

  @Test
  void invalidEmailIsRefusedByName() {
    assertInvalid(create("erin", "not-an-email", GOOD_PASSWORD), "email");
  }

  @Test
  void invalidUsernameIsRefusedByName() {
    assertInvalid(create("has space", null, GOOD_PASSWORD), "username");
  }

  @Test
  void usernamesAreUniqueRegardlessOfCase() {
    create("frank", null, GOOD_PASSWORD);

    Response duplicate = create("FRANK", null, GOOD_PASSWORD);

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.problemType()).isEqualTo(PROBLEMS + "already-exists");
  }

  @Test
  void deletedUserIsHiddenFromTheListAndCanBeRestored() {
    String id = create("grace", null, GOOD_PASSWORD).json().get("id").asString();

    assertThat(api.request("DELETE", users + "/" + id).bearer(admin).send().status())
        .isEqualTo(204);
    assertThat(api.get(users + "/" + id).bearer(admin).send().json().get("status").asString())
        .isEqualTo("deleted");
    assertThat(api.get(users).bearer(admin).send().body()).doesNotContain("\"grace\"");

    Response restored = api.post(users + "/" + id + "/restore").bearer(admin).send();
    assertThat(restored.status()).isEqualTo(200);
    assertThat(restored.json().get("status").asString()).isEqualTo("active");
    assertThat(api.get(users).bearer(admin).send().body()).contains("\"grace\"");
  }

  @Test
  void restoringAUserThatIsNotDeletedIsAnInvalidState() {
    String id = create("heidi", null, GOOD_PASSWORD).json().get("id").asString();

    Response response = api.post(users + "/" + id + "/restore").bearer(admin).send();

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-state");
  }

  @Test
  void administratorCanDisableAUserAndSetANewPassword() {
    String id = create("ivan", null, GOOD_PASSWORD).json().get("id").asString();

    Response disabled =
        api.patch(users + "/" + id).bearer(admin).json("{\"status\": \"disabled\"}").send();
    Response password =
        api.request("PUT", users + "/" + id + "/password")
            .bearer(admin)
            .json("{\"password\": \"another long passphrase here\"}")
            .send();

    assertThat(disabled.json().get("status").asString()).isEqualTo("disabled");
    assertThat(password.status()).isEqualTo(204);
  }

  @Test
  void statusDeletedCannotBeSetByPatch() {
    String id = create("judy", null, GOOD_PASSWORD).json().get("id").asString();

    assertInvalid(
        api.patch(users + "/" + id).bearer(admin).json("{\"status\": \"deleted\"}").send(),
        "status");
  }

  @Test
  void unknownUserIsNotFound() {
    assertThat(api.get(users + "/" + UUID.randomUUID()).bearer(admin).send().problemType())
        .isEqualTo(PROBLEMS + "not-found");
    assertThat(api.get(users + "/not-a-uuid").bearer(admin).send().status()).isEqualTo(404);
  }

  @Test
  void readerCanListButNotCreate() {
    String reader = api.token(slug, "reader", SECRET);

    assertThat(api.get(users).bearer(reader).send().status()).isEqualTo(200);
    Response response = api.post(users).bearer(reader).json("{\"username\": \"mallory\"}").send();
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void listingPagesThroughEveryUser() {
    for (String name : new String[] {"u1", "u2", "u3"}) {
      create(name, null, null);
    }

    Response first = api.get(users + "?limit=2").bearer(admin).send();
    Response second =
        api.get(users + "?limit=2&cursor=" + first.json().get("next_cursor").asString())
            .bearer(admin)
            .send();

    assertThat(first.json().get("items")).hasSize(2);
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().has("next_cursor")).isFalse();
  }

  private Response create(String username, String email, String password) {
    StringBuilder json = new StringBuilder("{\"username\": \"" + username + "\"");
    if (email != null) {
      json.append(", \"email\": \"").append(email).append('"');
    }
    if (password != null) {
      json.append(", \"password\": \"").append(password).append('"');
    }
    return api.post(users).bearer(admin).json(json.append('}').toString()).send();
  }

  private static void assertInvalid(Response response, String field) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo(field);
  }
}
