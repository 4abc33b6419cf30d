package io.bulwark.identity;

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

/**
 * Malformed token requests answer the RFC 6749 §5.2 error codes that OAuth clients expect, and a
 * wrong secret looks exactly like an unknown client.
 */
@BulwarkIntegrationTest
class TokenEndpointErrorsIntegrationTests {

  static final String SECRET = "token-errors-secret-0123456789abcdefghij";

  @LocalServerPort int port;
  @Autowired TestClients clients;

  TestApi api;
  String slug;

  @BeforeEach
  void tenantWithAServiceClient() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    slug = acme.slug();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    clients.register(TenantId.parse(created.json().get("id").asString()), "svc", SECRET);
  }

  @Test
  void missingGrantTypeIsAnInvalidRequest() {
    Response response = tokenRequest("svc", SECRET, "scope=openid");

    assertOAuth2Error(response, 400, "invalid_request");
  }

  @Test
  void passwordGrantIsAnUnsupportedGrantType() {
    Response response =
        tokenRequest("svc", SECRET, "grant_type=password&username=alice&password=secret");

    assertOAuth2Error(response, 400, "unsupported_grant_type");
  }

  @Test
  void inventedGrantTypeIsAnUnsupportedGrantType() {
    Response response = tokenRequest("svc", SECRET, "grant_type=magic");

    assertOAuth2Error(response, 400, "unsupported_grant_type");
  }

  @Test
  void scopeTheClientWasNotGrantedIsAnInvalidScope() {
    Response response = tokenRequest("svc", SECRET, "grant_type=client_credentials&scope=admin");

    assertOAuth2Error(response, 400, "invalid_scope");
  }

  @Test
  void authorizationCodeThatWasNeverIssuedIsAnInvalidGrant() {
    Response response =
        tokenRequest(
            "svc", SECRET, "grant_type=authorization_code&code=abc&redirect_uri=http://x/cb");

    assertOAuth2Error(response, 400, "invalid_grant");
  }

  @Test
  void refreshTokenThatWasNeverIssuedIsAnInvalidGrant() {
    Response response = tokenRequest("svc", SECRET, "grant_type=refresh_token&refresh_token=abc");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").asString())
        .isIn("invalid_grant", "unauthorized_client");
  }

  @Test
  void wrongSecretAndUnknownClientAnswerTheSameInvalidClient() {
    Response wrongSecret = tokenRequest("svc", SECRET + "x", "grant_type=client_credentials");
    Response unknownClient = tokenRequest("nobody", SECRET, "grant_type=client_credentials");

    assertOAuth2Error(wrongSecret, 401, "invalid_client");
    assertOAuth2Error(unknownClient, 401, "invalid_client");
    assertThat(wrongSecret.body()).isEqualTo(unknownClient.body());
  }

  @Test
  void noClientAuthenticationIsAnInvalidClient() {
    Response response =
        api.post("/t/" + slug + "/oauth2/token")
            .body("application/x-www-form-urlencoded", "grant_type=client_credentials")
            .send();

    assertOAuth2Error(response, 401, "invalid_client");
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void introspectionWithoutClientAuthenticationIsAnInvalidClient() {
    Response response =
        api.post("/t/" + slug + "/oauth2/introspect")
            .body("application/x-www-form-urlencoded", "token=abc")
            .send();

    assertOAuth2Error(response, 401, "invalid_client");
  }

  private Response tokenRequest(String clientId, String secret, String form) {
    return api.post("/t/" + slug + "/oauth2/token")
        .header("Authorization", TestApi.basic(clientId, secret))
        .body("application/x-www-form-urlencoded", form)
        .send();
  }

  private static void assertOAuth2Error(Response response, int status, String error) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("error").asString()).isEqualTo(error);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
  }
}
