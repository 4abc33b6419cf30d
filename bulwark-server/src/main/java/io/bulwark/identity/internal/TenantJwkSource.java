package io.bulwark.identity.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.bulwark.platform.TenantContext;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The authorization server's key source: the keys of the tenant whose issuer is serving the request
 * (bound by {@link TenantIssuerFilter}). With no tenant bound it has no keys.
 */
@Component
final class TenantJwkSource implements JWKSource<SecurityContext> {

  private final SigningKeys signingKeys;

  TenantJwkSource(SigningKeys signingKeys) {
    this.signingKeys = signingKeys;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    return TenantContext.current()
        .map(tenant -> selector.select(new JWKSet(signingKeys.of(tenant).keys())))
        .orElse(List.of());
  }
}
