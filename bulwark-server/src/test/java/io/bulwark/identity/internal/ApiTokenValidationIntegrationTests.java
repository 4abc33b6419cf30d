package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bad tokens of the identity issue, each answered 401 {@code unauthenticated} with a {@code
 * WWW-Authenticate} challenge. Every forged token starts from the claims of a real token and is
 * signed with the tenant's real current key unless the case is about the signature, so each case
 * differs from an accepted token in exactly one way; {@link #forgedTokenWithNothingWrongIsAccepted}
 * proves the forging itself yields tokens the API takes.
 */
@BulwarkIntegrationTest
class ApiTokenValidationIntegrationTests {

  static final String SECRET = "token-validation-secret-0123456789abcdef";
  static final String UNAUTHENTICATED = "https://bulwark.io/problems/unauthenticated";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired SigningKeys signingKeys;

  TestApi api;
  String acme;
  String globex;
  TenantId acmeId;
  String realToken;
  JWTClaimsSet realClaims;

  @BeforeEach
  void twoTenantsEachWithAnAdministratorClient() throws Exception {
    api = new TestApi(port);
    acme = TestTenants.acme().slug();
    globex = TestTenants.globex().slug();
    acmeId = create(acme);
    clients.register(acmeId, "acme-admin", SECRET, "tenant-admin");
    clients.register(create(globex), "globex-admin", SECRET, "tenant-admin");
    realToken = api.token(acme, "acme-admin", SECRET);
    realClaims = SignedJWT.parse(realToken).getJWTClaimsSet();
  }

  @Test
  void realTokenCarriesTheClaimsOfTheIdentityIssue() throws Exception {
    assertThat(usersOfAcme(realToken).status()).isEqualTo(200);
    assertThat(realClaims.getAudience()).contains("acme-admin", BulwarkClaims.API_AUDIENCE);
    assertThat(realClaims.getJWTID()).isNotBlank();
    assertThat(realClaims.getStringClaim(BulwarkClaims.TENANT_ID)).isEqualTo(acmeId.toString());
    assertThat(realClaims.getStringListClaim(BulwarkClaims.ROLES)).containsExactly("tenant-admin");
    assertThat(realClaims.getExpirationTime().toInstant())
        .isAfter(Instant.now().plusSeconds(240))
        .isBefore(Instant.now().plusSeconds(301));
  }

  @Test
  void introspectionOfTheRealTokenSaysActiveWithItsAudiences() {
    Response response =
        api.post("/t/" + acme + "/oauth2/introspect")
            .header("Authorization", TestApi.basic("acme-admin", SECRET))
            .body("application/x-www-form-urlencoded", "token=" + realToken)
            .send();

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("active").asBoolean()).isTrue();
    assertThat(response.body()).contains(BulwarkClaims.API_AUDIENCE);
  }

  @Test
  void forgedTokenWithNothingWrongIsAccepted() throws Exception {
    String token = signedWithTheTenantKey(claims -> claims);

    assertThat(usersOfAcme(token).status()).isEqualTo(200);
  }

  @Test
  void expiredTokenIsUnauthenticated() throws Exception {
    Instant past = Instant.now().minusSeconds(600);
    String token =
        signedWithTheTenantKey(claims ->
            claims
                .issueTime(Date.from(past))
                .notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(300))));

    assertUnauthenticated(usersOfAcme(token));
  }

  @Test
  void rememberedTokenIsUnauthenticatedOnceItExpired() throws Exception {
    // Accepted (and so remembered by the decoder) while it lives: the memory must not outlive it.
    Instant expiry = Instant.now().plusSeconds(5);
    String token = signedWithTheTenantKey(claims -> claims.expirationTime(Date.from(expiry)));
    assertThat(usersOfAcme(token).status()).isEqualTo(200);
    assertThat(usersOfAcme(token).status()).as("again, remembered").isEqualTo(200);

    Thread.sleep(
        Math.max(
                0,
                Duration.between(Instant.now(), expiry.plus(TenantJwtDecoder.CLOCK_SKEW))
                    .toMillis())
            + 1_000);

    assertUnauthenticated(usersOfAcme(token));
  }

  @Test
  void unsignedTokenWithAlgNoneIsUnauthenticated() {
    String token = new PlainJWT(realClaims).serialize();

    assertUnauthenticated(usersOfAcme(token));
  }

  @Test
  void hs256TokenKeyedWithTheTenantsPublicRsaKeyIsUnauthenticated() throws Exception {
    RSAKey current = (RSAKey) signingKeys.of(acmeId).current();
    SignedJWT token =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(current.getKeyID()).build(),
            realClaims);
    token.sign(new MACSigner(current.toRSAPublicKey().getEncoded()));

    assertUnauthenticated(usersOfAcme(token.serialize()));
  }

  @Test
  void tokenNamingAnotherTenantsIssuerIsUnauthenticated() throws Exception {
    String token = signedWithTheTenantKey(claims -> claims.issuer(api.base() + "/t/" + globex));

    assertUnauthenticated(usersOfAcme(token));
  }

  @Test
  void tokenFromAnIssuerOutsideBulwarkIsUnauthenticated() throws Exception {
    String token = signedWithTheTenantKey(claims -> claims.issuer("https://idp.example.com/"));

    assertUnauthenticated(usersOfAcme(token));
  }

  @Test
  void tokenForAnotherAudienceIsUnauthenticated() throws Exception {
    String token = signedWithTheTenantKey(claims -> claims.audience(List.of("acme-admin")));

    assertUnauthenticated(usersOfAcme(token));
  }

  @Test
  void tokenWhosePayloadWasAlteredIsUnauthenticated() throws Exception {
    String[] parts = realToken.split("\\.");
    JWTClaimsSet escalated =
        new JWTClaimsSet.Builder(realClaims)
            .claim(BulwarkClaims.ROLES, List.of(BulwarkClaims.PLATFORM_ADMIN_ROLE))
            .build();
    String payload =
        Base64URL.encode(escalated.toString().getBytes(StandardCharsets.UTF_8)).toString();
    String tampered = parts[0] + "." + payload + "." + parts[2];

    assertUnauthenticated(usersOfAcme(tampered));
  }

  @Test
  void tokenSignedWithAnUnknownKeyIdIsUnauthenticated() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-a-bulwark-key").generate();

    assertUnauthenticated(usersOfAcme(signed(stranger, stranger.getKeyID(), realClaims)));
  }

  @Test
  void tokenSignedWithAnotherKeyUnderTheTenantsKeyIdIsUnauthenticated() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).generate();
    String kid = signingKeys.of(acmeId).current().getKeyID();

    assertUnauthenticated(usersOfAcme(signed(stranger, kid, realClaims)));
  }

  @Test
  void tokenWithoutTheTenantClaimIsUnauthenticated() throws Exception {
    String token = signedWithTheTenantKey(claims -> claims.claim(BulwarkClaims.TENANT_ID, null));

    assertUnauthenticated(usersOfAcme(token));
  }

  @Test
  void garbageInTheAuthorizationHeaderIsUnauthenticated() {
    assertUnauthenticated(usersOfAcme("not.a.jwt"));
    assertUnauthenticated(usersOfAcme("eyJhbGciOiJSUzI1NiJ9"));
  }

  @Test
  void validTokenOfOneTenantOnAnotherTenantsApiIsForbidden() {
    String globexToken = api.token(globex, "globex-admin", SECRET);

    Response response = usersOfAcme(globexToken);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo("https://bulwark.io/problems/forbidden");
  }

  @Test
  void tokenAlreadyAcceptedOnItsOwnTenantsApiIsStillForbiddenOnAnotherTenantsApi() {
    String globexToken = api.token(globex, "globex-admin", SECRET);
    String globexUsers = "/api/v1/tenants/" + globex + "/users";
    assertThat(api.get(globexUsers).bearer(globexToken).send().status()).isEqualTo(200);

    Response response = usersOfAcme(globexToken);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo("https://bulwark.io/problems/forbidden");
    assertThat(api.get(globexUsers).bearer(globexToken).send().status()).isEqualTo(200);
  }

  @Test
  void lowerCaseSchemeIsAcceptedAndATokenWithASpaceInsideIsUnauthenticated() {
    Response lowerCase =
        api.get("/api/v1/tenants/" + acme + "/users")
            .header("Authorization", "bearer " + realToken)
            .send();
    assertThat(lowerCase.status()).as(lowerCase.body()).isEqualTo(200);

    assertUnauthenticated(
        api.get("/api/v1/tenants/" + acme + "/users")
            .header("Authorization", "Bearer " + realToken.replace('.', ' '))
            .send());
  }

  private TenantId create(String slug) {
    Response created =
        api.post("/api/v1/tenants")
            .bearer(api.adminToken())
            .json(TestTenants.acme().slug(slug).json())
            .send();
    assertThat(created.status()).isEqualTo(201);
    return TenantId.parse(created.json().get("id").asString());
  }

  private Response usersOfAcme(String token) {
    return api.get("/api/v1/tenants/" + acme + "/users").bearer(token).send();
  }

  private String signedWithTheTenantKey(UnaryOperator<JWTClaimsSet.Builder> change)
      throws Exception {
    RSAKey current = (RSAKey) signingKeys.of(acmeId).current();
    JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder(realClaims)).build();
    return signed(current, current.getKeyID(), claims);
  }

  private static String signed(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(),
            claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static void assertUnauthenticated(Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.problemType()).isEqualTo(UNAUTHENTICATED);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }
}
