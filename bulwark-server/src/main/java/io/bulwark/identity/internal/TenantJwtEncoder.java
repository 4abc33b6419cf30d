package io.bulwark.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JoseHeaderNames;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.stereotype.Component;

/**
 * The authorization server's token encoder: signs with the current key of the tenant whose issuer
 * serves the request, through that key's cached {@link TokenSigners signer}. It replaces Spring's
 * {@code NimbusJwtEncoder}, which picks its signers from Nimbus's default factory (the JDK's
 * providers) and so cannot use the faster ECDSA one; the JOSE work is Nimbus's either way.
 *
 * <p>The header may name only the algorithm, the current key's id, a type and a content type:
 * nothing this server sets asks for more, and a header that does is refused rather than dropped.
 */
@Component
final class TenantJwtEncoder implements JwtEncoder {

  private static final Set<String> HEADERS =
      Set.of(JoseHeaderNames.ALG, JoseHeaderNames.KID, JoseHeaderNames.TYP, JoseHeaderNames.CTY);

  private final SigningKeys signingKeys;

  TenantJwtEncoder(SigningKeys signingKeys) {
    this.signingKeys = signingKeys;
  }

  @Override
  public Jwt encode(JwtEncoderParameters parameters) {
    TenantId tenant =
        TenantContext.current()
            .orElseThrow(() -> new JwtEncodingException("No tenant is bound to sign for"));
    SigningKeys.TenantKeys keys = signingKeys.of(tenant);
    JWK key = keys.current();
    JwsHeader requested = parameters.getJwsHeader();
    JwsHeader header =
        requested == null ? JwsHeader.with(SignatureAlgorithm.RS256).build() : requested;
    SignedJWT jwt = new SignedJWT(nimbusHeader(header, key), nimbusClaims(parameters.getClaims()));
    try {
      jwt.sign(keys.signer());
    } catch (JOSEException e) {
      throw new JwtEncodingException("The token could not be signed", e);
    }
    return Jwt.withTokenValue(jwt.serialize())
        .headers(headers -> {
          headers.putAll(header.getHeaders());
          headers.put(JoseHeaderNames.KID, key.getKeyID());
        })
        .claims(claims -> claims.putAll(parameters.getClaims().getClaims()))
        .build();
  }

  private static JWSHeader nimbusHeader(JwsHeader header, JWK key) {
    for (String name : header.getHeaders().keySet()) {
      if (!HEADERS.contains(name)) {
        throw new JwtEncodingException("Unsupported JWS header " + name);
      }
    }
    String algorithm = header.getAlgorithm().getName();
    if (key.getAlgorithm() == null || !algorithm.equals(key.getAlgorithm().getName())) {
      throw new JwtEncodingException(
          "The header asks for "
              + algorithm
              + "; the tenant's current key is "
              + key.getAlgorithm());
    }
    String kid = header.getKeyId();
    if (kid != null && !kid.equals(key.getKeyID())) {
      throw new JwtEncodingException("Only the tenant's current key signs");
    }
    JWSHeader.Builder nimbus =
        new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID(key.getKeyID());
    if (header.getType() != null) {
      nimbus.type(new JOSEObjectType(header.getType()));
    }
    if (header.getContentType() != null) {
      nimbus.contentType(header.getContentType());
    }
    return nimbus.build();
  }

  /** Registered claims as Nimbus wants them (numeric dates, a string issuer), the rest as given. */
  private static JWTClaimsSet nimbusClaims(JwtClaimsSet claims) {
    JWTClaimsSet.Builder nimbus = new JWTClaimsSet.Builder();
    Set<String> registered = JWTClaimsSet.getRegisteredNames();
    for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
      if (!registered.contains(claim.getKey())) {
        nimbus.claim(claim.getKey(), claim.getValue());
      }
    }
    Object issuer = claims.getClaim("iss");
    List<String> audience = claims.getAudience();
    return nimbus
        .issuer(issuer == null ? null : issuer.toString())
        .subject(claims.getSubject())
        .audience(audience == null || audience.isEmpty() ? null : audience)
        .expirationTime(date(claims.getExpiresAt()))
        .notBeforeTime(date(claims.getNotBefore()))
        .issueTime(date(claims.getIssuedAt()))
        .jwtID(claims.getId())
        .build();
  }

  private static @Nullable Date date(@Nullable Instant instant) {
    return instant == null ? null : Date.from(instant);
  }
}
