package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Published when a tenant issuer has issued an access token, after the token's record is stored and
 * before the token is sent. A listener that fails stops the token from being sent: the audit ledger
 * records every token it lets out. Never carries the token itself.
 *
 * @param tenantId the issuer's tenant
 * @param clientId the client the token was issued to
 * @param subject the token's {@code sub}: the client for client_credentials, else the user
 * @param principalType {@code client} or {@code user}
 * @param grantType how it was obtained ({@code client_credentials}, {@code authorization_code},
 *     {@code refresh_token})
 * @param scopes the granted scopes
 * @param tokenId the token's {@code jti}, to match it with introspection and revocation
 * @param expiresAt when it expires
 * @param sourceIp the client's address
 * @param userAgent the client's user agent
 */
public record TokenIssued(
    TenantId tenantId,
    String clientId,
    String subject,
    String principalType,
    String grantType,
    List<String> scopes,
    @Nullable String tokenId,
    @Nullable Instant expiresAt,
    @Nullable String sourceIp,
    @Nullable String userAgent) {

  public TokenIssued {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(grantType, "grantType");
    scopes = List.copyOf(scopes);
  }
}
