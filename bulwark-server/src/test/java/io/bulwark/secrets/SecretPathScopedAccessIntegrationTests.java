package io.bulwark.secrets;

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

/** Role assignments narrowed to a path prefix, as the vault enforces them. */
@BulwarkIntegrationTest
class SecretPathScopedAccessIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients clients;

  TestApi api;
  String slug;
  String ops;

  @BeforeEach
  void tenantWithSecrets() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    slug = acme.slug();
    TenantId tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "ops", "ops-secret-1", "tenant-admin");
    clients.register(tenant, "payments-service", "payments-secret-1");
    ops = api.token(slug, "ops", "ops-secret-1");
    put("payments/stripe-key", "{\"value\": \"sk_1\"}");
    put("hr/x", "{\"value\": \"salary\"}");
  }

  @Test
  void readerOnPaymentsReadsPaymentsSecretsButNotOthers() {
    assertThat(grant("secrets-reader", "{\"resource_prefix\": \"payments/\"}").status())
        .isEqualTo(204);
    String token = api.token(slug, "payments-service", "payments-secret-1");

    Response payments = get("/secrets/payments/stripe-key", token);
    assertThat(payments.status()).as(payments.toString()).isEqualTo(200);
    assertThat(payments.json().get("value").asString()).isEqualTo("sk_1");
    assertThat(get("/secret-metadata/payments/stripe-key", token).status()).isEqualTo(200);
    assertThat(get("/secrets?prefix=payments/", token).status()).isEqualTo(200);

    Response hr = get("/secrets/hr/x", token);
    assertThat(hr.status()).isEqualTo(403);
    assertThat(hr.problemType()).isEqualTo(PROBLEMS + "forbidden");
    assertThat(hr.body()).doesNotContain("salary");
    Response everything = get("/secrets", token);
    assertThat(everything.status()).isEqualTo(403);
    assertThat(everything.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response lookalike = get("/secrets?prefix=payments", token);
    assertThat(lookalike.status()).isEqualTo(403);
    Response write =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secrets/payments/new")
            .bearer(token)
            .json("{\"value\": \"v\"}")
            .send();
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void roleOnSeveralPrefixesReachesEachAndTheClientListsThem() {
    grant("secrets-reader", "{\"resource_prefix\": \"payments/\"}");
    grant("secrets-reader", "{\"resource_prefix\": \"hr/\"}");
    String token = api.token(slug, "payments-service", "payments-secret-1");

    assertThat(get("/secrets/payments/stripe-key", token).status()).isEqualTo(200);
    assertThat(get("/secrets/hr/x", token).status()).isEqualTo(200);
    Response client = get("/clients/payments-service", ops);
    assertThat(client.status()).as(client.toString()).isEqualTo(200);
    assertThat(client.json().get("roles").toString())
        .contains("secrets-reader@hr/", "secrets-reader@payments/");
  }

  @Test
  void prefixOnARoleThatIsNotOverSecretsThenInvalidField() {
    Response response = grant("tenant-admin", "{\"resource_prefix\": \"payments/\"}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("resource_prefix");
  }

  @Test
  void malformedPrefixThenInvalidField() {
    for (String prefix : new String[] {"payments", "../hr/", "/payments/", "a//"}) {
      Response response = grant("secrets-reader", "{\"resource_prefix\": \"" + prefix + "\"}");
      assertThat(response.status()).as(prefix).isEqualTo(400);
      assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    }
  }

  private Response grant(String role, String body) {
    return api.request("PUT", "/api/v1/tenants/" + slug + "/clients/payments-service/roles/" + role)
        .bearer(ops)
        .json(body)
        .send();
  }

  private Response get(String path, String token) {
    return api.get("/api/v1/tenants/" + slug + path).bearer(token).send();
  }

  private void put(String path, String body) {
    Response response =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secrets/" + path)
            .bearer(ops)
            .json(body)
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }
}
