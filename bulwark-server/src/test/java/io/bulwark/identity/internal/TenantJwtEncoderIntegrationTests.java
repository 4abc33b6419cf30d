package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.identity.SigningAlgorithm;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestTenants;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * The token encoder signs with the tenant's current key — ES256 through Bouncy Castle, RS256
 * through the JDK — in tokens any JOSE library verifies with the published key, and refuses headers
 * it would otherwise have to ignore.
 */
@BulwarkIntegrationTest
class TenantJwtEncoderIntegrationTests {

  @Autowired TenantJwtEncoder encoder;
  @Autowired SigningKeys signingKeys;
  @Autowired Tenants tenants;

  private final Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final JwtClaimsSet claims =
      JwtClaimsSet.builder()
          .issuer("https://bulwark.example/t/acme")
          .subject("client-1")
          .audience(List.of("client-1", "bulwark-api"))
          .issuedAt(issuedAt)
          .expiresAt(issuedAt.plusSeconds(300))
          .id("jti-1")
          .claim("roles", new ArrayList<>(List.of("developer")))
          .build();

  @Test
  void es256TokenVerifiesWithThePublishedKeyAndCarriesTheClaims() throws Exception {
    TenantId tenant = newTenant();
    signingKeys.rotate(tenant, SigningAlgorithm.ES256);
    ECKey current = (ECKey) signingKeys.of(tenant).current();

    Jwt jwt = encode(tenant, header(SignatureAlgorithm.ES256, current.getKeyID()));

    SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
    assertThat(parsed.verify(new ECDSAVerifier(current.toPublicJWK()))).isTrue();
    assertThat(parsed.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(parsed.getHeader().getKeyID()).isEqualTo(current.getKeyID());
    assertThat(parsed.getJWTClaimsSet().getExpirationTime())
        .isEqualTo(Date.from(issuedAt.plusSeconds(300)));
    assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("client-1", "bulwark-api");
    assertThat(parsed.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("developer");
    assertThat(jwt.getClaims()).isEqualTo(claims.getClaims());
    assertThat(jwt.getExpiresAt()).isEqualTo(issuedAt.plusSeconds(300));
  }

  @Test
  void rs256TokenVerifiesWithThePublishedKey() throws Exception {
    TenantId tenant = newTenant();
    RSAKey current = (RSAKey) signingKeys.of(tenant).current();

    Jwt jwt = encode(tenant, header(SignatureAlgorithm.RS256, current.getKeyID()));

    SignedJWT parsed = SignedJWT.parse(jwt.getTokenValue());
    assertThat(parsed.verify(new RSASSAVerifier(current.toPublicJWK()))).isTrue();
    assertThat(jwt.getHeaders()).containsEntry("kid", current.getKeyID());
  }

  @Test
  void anAlgorithmOtherThanTheCurrentKeysIsRefused() {
    TenantId tenant = newTenant();
    JWK current = signingKeys.of(tenant).current();

    assertThatThrownBy(() -> encode(tenant, header(SignatureAlgorithm.ES256, current.getKeyID())))
        .isInstanceOf(JwtEncodingException.class);
  }

  @Test
  void anotherKeyIdIsRefused() {
    TenantId tenant = newTenant();
    String next =
        signingKeys.of(tenant).keys().stream().skip(1).findFirst().map(JWK::getKeyID).orElseThrow();

    assertThatThrownBy(() -> encode(tenant, header(SignatureAlgorithm.RS256, next)))
        .isInstanceOf(JwtEncodingException.class)
        .hasMessageContaining("current key");
  }

  @Test
  void aHeaderItWouldHaveToDropIsRefused() {
    TenantId tenant = newTenant();
    JwsHeader withKeySetUrl =
        JwsHeader.with(SignatureAlgorithm.RS256)
            .jwkSetUrl(URI.create("https://attacker.example/jwks").toString())
            .build();

    assertThatThrownBy(() -> encode(tenant, withKeySetUrl))
        .isInstanceOf(JwtEncodingException.class)
        .hasMessageContaining("jku");
  }

  @Test
  void nothingIsSignedOutsideATenant() {
    assertThatThrownBy(() ->
            encoder.encode(
                JwtEncoderParameters.from(header(SignatureAlgorithm.RS256, null), claims)))
        .isInstanceOf(JwtEncodingException.class);
  }

  private Jwt encode(TenantId tenant, JwsHeader header) {
    return TenantContext.callAs(
        tenant, () -> encoder.encode(JwtEncoderParameters.from(header, claims)));
  }

  private static JwsHeader header(SignatureAlgorithm algorithm, String kid) {
    JwsHeader.Builder header = JwsHeader.with(algorithm);
    if (kid != null) {
      header.keyId(kid);
    }
    return header.build();
  }

  private TenantId newTenant() {
    return tenants
        .create(new NewTenant(new TenantSlug(TestTenants.acme().slug()), "Encoding", "eu"))
        .id();
  }
}
