package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Published, inside the transaction that records it, when an access token was revoked before it
 * expired: from then on the API rejects it and introspection answers inactive. Listeners that
 * record it (the audit ledger) take part in that transaction. Never carries the token itself.
 *
 * @param tenantId the issuer's tenant
 * @param reason why it was revoked
 * @param clientId the client the token was issued to
 * @param subject the token's {@code sub}: the client for client_credentials, else the user
 * @param principalType {@code client} or {@code user}
 * @param tokenId the token's {@code jti}
 * @param expiresAt when the token would have expired
 * @param requestedBy the client that asked for the revocation, for {@link Reason#CLIENT_REQUEST};
 *     otherwise null (the administrator or the system, whoever acted)
 */
public record TokenRevoked(
    TenantId tenantId,
    Reason reason,
    String clientId,
    String subject,
    String principalType,
    String tokenId,
    Instant expiresAt,
    @Nullable String requestedBy) {

  public TokenRevoked {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Why an access token was revoked. */
  public enum Reason {
    /** Its client asked, at the RFC 7009 revocation endpoint. */
    CLIENT_REQUEST,
    /** An administrator revoked the user's session it belongs to. */
    SESSION_REVOKED,
    /** A rotated-out refresh token (or a used authorization code) of its grant was presented. */
    REUSE_DETECTED,
    /** Its issuance could not be recorded in the audit log, so it was never sent. */
    RECORDING_FAILED;

    /**
     * @return the name used in audit details
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
