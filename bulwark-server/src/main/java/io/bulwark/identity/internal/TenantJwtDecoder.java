package io.bulwark.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.bulwark.identity.Issuers;
import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.TenantId;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Validates access tokens from any Bulwark tenant issuer, locally: the {@code iss} claim names the
 * tenant, whose own keys must verify the signature, and whose id must be the {@code tid} claim. A
 * token signed by one tenant's key cannot pass as another tenant's. The token must also name the
 * Bulwark API among its audiences and be within its lifetime (with {@link #CLOCK_SKEW}).
 *
 * <p>A token that passed is remembered for {@link #REMEMBERED} (never past its {@code exp})
 * together with the tenant's key set it was checked against, so a service that sends the same token
 * on every call pays for parsing and the signature check once in a while instead of on every
 * request (it was a third of a secret read's CPU). When the tenant's keys change (a rotation, a
 * reload), the token is checked again.
 *
 * <p>Whether remembered or not, a token whose {@code jti} is on the {@link RevocationList} is
 * rejected: at once on the node that revoked it, within {@link RevocationList#MAX_STALENESS} on the
 * others.
 */
@Component
final class TenantJwtDecoder implements JwtDecoder {

  /** Nodes of one deployment share a time source; 10 s covers NTP drift, not stale tokens. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

  static final Duration REMEMBERED = Duration.ofSeconds(30);
  private static final int MAX_REMEMBERED = 4096;

  private final Tenants tenants;
  private final SigningKeys signingKeys;
  private final String publicUrl;
  private final RevocationList revocations;

  private final ConcurrentHashMap<TenantId, JwtDecoder> decoders = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Validated> validated = new ConcurrentHashMap<>();

  TenantJwtDecoder(
      Tenants tenants,
      SigningKeys signingKeys,
      RevocationList revocations,
      @Value("${bulwark.public-url}") String publicUrl) {
    this.tenants = tenants;
    this.signingKeys = signingKeys;
    this.revocations = revocations;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @Override
  public Jwt decode(String token) {
    Instant now = Instant.now();
    Validated remembered = validated.get(token);
    if (remembered != null
        && now.isBefore(remembered.until())
        && signingKeys.of(remembered.tenant()) == remembered.keys()) {
      return notRevoked(remembered.tenant(), remembered.jwt());
    }
    Tenant tenant = issuingTenant(token).orElseThrow(() -> new BadJwtException("Unknown issuer"));
    SigningKeys.TenantKeys keys = signingKeys.of(tenant.id());
    Jwt jwt =
        notRevoked(
            tenant.id(),
            decoders.computeIfAbsent(tenant.id(), id -> decoderFor(tenant)).decode(token));
    Instant expiresAt = jwt.getExpiresAt();
    if (expiresAt != null) {
      if (validated.size() >= MAX_REMEMBERED) {
        validated.clear();
      }
      Instant until = now.plus(REMEMBERED);
      validated.put(
          token,
          new Validated(jwt, tenant.id(), keys, expiresAt.isBefore(until) ? expiresAt : until));
    }
    return jwt;
  }

  private Jwt notRevoked(TenantId tenant, Jwt jwt) {
    String jti = jwt.getId();
    boolean revoked;
    try {
      revoked = jti != null && revocations.isRevoked(tenant, jti);
    } catch (IllegalStateException e) {
      throw new JwtException("The revoked-token list is not available", e);
    }
    if (revoked) {
      throw new BadJwtException("The token was revoked");
    }
    return jwt;
  }

  /** A token that passed validation, and until when that stands. */
  private record Validated(Jwt jwt, TenantId tenant, SigningKeys.TenantKeys keys, Instant until) {
    @Override
    public String toString() {
      return "Validated[until=" + until + "]";
    }
  }

  private Optional<Tenant> issuingTenant(String token) {
    try {
      String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
      if (issuer == null) {
        return Optional.empty();
      }
      Optional<TenantSlug> slug = Issuers.slugOfIssuer(issuer);
      if (slug.isEmpty()
          || !(publicUrl.isEmpty() || issuer.equals(publicUrl + "/t/" + slug.get()))) {
        return Optional.empty();
      }
      return tenants.find(slug.get());
    } catch (ParseException e) {
      throw new BadJwtException("Malformed token");
    }
  }

  private JwtDecoder decoderFor(Tenant tenant) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
            (selector, context) -> selector.select(new JWKSet(publicKeys(tenant.id())))));
    NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            new JwtTimestampValidator(CLOCK_SKEW),
            new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD,
                audience -> audience != null && audience.contains(BulwarkClaims.API_AUDIENCE)),
            tenantClaimValidator(tenant.id())));
    return decoder;
  }

  private List<JWK> publicKeys(TenantId tenant) {
    return signingKeys.of(tenant).keys().stream().map(JWK::toPublicJWK).toList();
  }

  private static OAuth2TokenValidator<Jwt> tenantClaimValidator(TenantId tenant) {
    OAuth2Error wrongTenant =
        new OAuth2Error("invalid_token", "The token belongs to another tenant", null);
    return jwt ->
        tenant.toString().equals(jwt.getClaimAsString(BulwarkClaims.TENANT_ID))
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(wrongTenant);
  }
}
