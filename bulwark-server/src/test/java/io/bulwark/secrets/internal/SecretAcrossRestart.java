package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestTenants;
import java.util.List;

/**
 * A secret written through one server process, as an operator's service would, and read back
 * through another: the round trip a key-encryption-key provider must survive.
 */
record SecretAcrossRestart(String slug, String clientId, String clientSecret) {

  static final String PATH = "payments/stripe-key";
  static final String VALUE = "sk_live_kms";

  /** Creates tenant acme with a client holding secrets roles, and writes {@link #VALUE}. */
  static SecretAcrossRestart write(TestApi api) {
    var acme = TestTenants.acme();
    String admin = api.adminToken();
    Response created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Response client =
        api.post("/api/v1/tenants/" + acme.slug() + "/clients")
            .bearer(admin)
            .json(
                """
                {"name": "payments", "grant_types": ["client_credentials"], "scopes": []}
                """)
            .send();
    assertThat(client.status()).as(client.toString()).isEqualTo(201);
    var written =
        new SecretAcrossRestart(
            acme.slug(),
            client.json().get("client").get("client_id").asString(),
            client.json().get("client_secret").asString());
    for (String role : List.of("tenant-admin", "secrets-reader")) {
      Response granted =
          api.request(
                  "PUT",
                  "/api/v1/tenants/"
                      + written.slug
                      + "/clients/"
                      + written.clientId
                      + "/roles/"
                      + role)
              .bearer(admin)
              .send();
      assertThat(granted.status()).as(granted.toString()).isBetween(200, 204);
    }
    Response put =
        api.request("PUT", written.secretPath())
            .bearer(written.token(api))
            .json("{\"value\": \"" + VALUE + "\"}")
            .send();
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    return written;
  }

  /** Reads the secret through another server and checks it is the value written. */
  void assertReadableThrough(TestApi api) {
    Response read = api.get(secretPath()).bearer(token(api)).send();
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.json().get("value").asString()).isEqualTo(VALUE);
  }

  private String token(TestApi api) {
    return api.token(slug, clientId, clientSecret);
  }

  private String secretPath() {
    return "/api/v1/tenants/" + slug + "/secrets/" + PATH;
  }
}
