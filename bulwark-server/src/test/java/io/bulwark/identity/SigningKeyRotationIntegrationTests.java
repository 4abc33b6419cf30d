package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@BulwarkIntegrationTest
class SigningKeyRotationIntegrationTests {

  static final String SECRET = "keys-admin-secret-0123456789abcdefghij";

  @LocalServerPort int port;
  @Autowired TestClients clients;

  TestApi api;
  String slug;
  String adminToken;

  @BeforeEach
  void tenantWithAnAdministratorClient() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    slug = acme.slug();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    TenantId tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "keys-admin", SECRET, "tenant-admin");
    clients.register(tenant, "plain", SECRET);
    adminToken = api.token(slug, "keys-admin", SECRET);
  }

  @Test
  void newTenantPublishesItsCurrentAndNextKeys() {
    Response keys = api.get("/api/v1/tenants/" + slug + "/signing-keys").bearer(adminToken).send();

    assertThat(keys.status()).isEqualTo(200);
    assertThat(states(keys.json())).containsExactlyInAnyOrder("current", "next");
    assertThat(keys.body()).doesNotContain("\"d\"").doesNotContain("private");
    assertThat(jwksKids()).hasSize(2);
  }

  @Test
  void tokenSignedBeforeARotationKeepsWorkingAfterIt() throws Exception {
    String before = adminToken;
    String kidBefore = SignedJWT.parse(before).getHeader().getKeyID();

    Response rotated =
        api.post("/api/v1/tenants/" + slug + "/signing-keys/rotate").bearer(before).send();

    assertThat(rotated.status()).isEqualTo(200);
    assertThat(states(rotated.json())).containsExactlyInAnyOrder("current", "next", "previous");
    assertThat(jwksKids()).contains(kidBefore).hasSize(3);
    assertThat(api.get("/api/v1/tenants/" + slug + "/signing-keys").bearer(before).send().status())
        .isEqualTo(200);
    String after = api.token(slug, "keys-admin", SECRET);
    assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isNotEqualTo(kidBefore);
  }

  @Test
  void keyRetiredByTheSecondRotationLeavesTheJwksAndItsTokensFail() throws Exception {
    String first = adminToken;
    String firstKid = SignedJWT.parse(first).getHeader().getKeyID();
    api.post("/api/v1/tenants/" + slug + "/signing-keys/rotate").bearer(first).send();
    String second = api.token(slug, "keys-admin", SECRET);

    api.post("/api/v1/tenants/" + slug + "/signing-keys/rotate").bearer(second).send();

    assertThat(jwksKids()).doesNotContain(firstKid);
    assertThat(api.get("/api/v1/tenants/" + slug + "/signing-keys").bearer(first).send().status())
        .isEqualTo(401);
    Response keys = api.get("/api/v1/tenants/" + slug + "/signing-keys").bearer(second).send();
    assertThat(states(keys.json()))
        .containsExactlyInAnyOrder("current", "next", "previous", "retired");
  }

  @Test
  void tenantCanSwitchToEs256AndAGenericClientVerifiesItsTokens() throws Exception {
    Response rotated =
        api.post("/api/v1/tenants/" + slug + "/signing-keys/rotate")
            .bearer(adminToken)
            .json("{\"algorithm\": \"ES256\"}")
            .send();
    assertThat(rotated.status()).isEqualTo(200);

    String token = api.token(slug, "keys-admin", SECRET);
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);

    String jwksUri =
        api.get("/t/" + slug + "/.well-known/openid-configuration")
            .send()
            .json()
            .get("jwks_uri")
            .asString();
    JWKSet jwks = JWKSet.parse(api.get(jwksUri.substring(api.base().length())).send().body());
    DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
    verifier.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(jwks)));
    JWTClaimsSet claims = verifier.process(token, null);
    assertThat(claims.getIssuer()).isEqualTo(api.base() + "/t/" + slug);
    assertThat(api.get("/api/v1/tenants/" + slug + "/signing-keys").bearer(token).send().status())
        .isEqualTo(200);
  }

  @Test
  void rotationNeedsTheKeysRotatePermission() {
    String plain = api.token(slug, "plain", SECRET);

    Response response =
        api.post("/api/v1/tenants/" + slug + "/signing-keys/rotate").bearer(plain).send();

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo("https://bulwark.io/problems/forbidden");
  }

  @Test
  void unknownAlgorithmIsRejectedByName() {
    Response response =
        api.post("/api/v1/tenants/" + slug + "/signing-keys/rotate")
            .bearer(adminToken)
            .json("{\"algorithm\": \"HS256\"}")
            .send();

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo("https://bulwark.io/problems/invalid-field");
    assertThat(response.json().get("field").asString()).isEqualTo("algorithm");
  }

  private Set<String> jwksKids() {
    JsonNode keys = api.get("/t/" + slug + "/oauth2/jwks").send().json().get("keys");
    return Set.copyOf(
        StreamSupport.stream(keys.spliterator(), false).map(k -> k.get("kid").asString()).toList());
  }

  private static List<String> states(JsonNode keys) {
    return StreamSupport.stream(keys.get("items").spliterator(), false)
        .map(k -> k.get("state").asString())
        .toList();
  }
}
