package io.bulwark.audit.internal;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditIngestion;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.identity.IdentitySettingChanged;
import io.bulwark.identity.RoleAssignment;
import io.bulwark.identity.RoleAssignmentChanged;
import io.bulwark.identity.ServiceClientChanged;
import io.bulwark.identity.SignInRecorded;
import io.bulwark.identity.SigningKeyRotated;
import io.bulwark.identity.TokenIssued;
import io.bulwark.identity.TokenRefreshReused;
import io.bulwark.identity.TokenRevoked;
import io.bulwark.identity.UserChanged;
import io.bulwark.identity.UserSessionRevoked;
import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.web.CorrelationIdFilter;
import io.bulwark.tenancy.TenantCreated;
import io.bulwark.tenancy.TenantStatusChanged;
import io.bulwark.tenancy.Tenants;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records the platform's own security-relevant events in the audit ledger. The listeners are
 * synchronous and append inside the publisher's transaction: if the append fails, the operation
 * rolls back with it, and if the operation rolls back, so does its audit record.
 */
@Component
class PlatformEventsAuditor {

  private final AuditLedger ledger;
  private final AuditIngestion ingestion;
  private final Tenants tenants;

  PlatformEventsAuditor(AuditLedger ledger, AuditIngestion ingestion, Tenants tenants) {
    this.ledger = ledger;
    this.ingestion = ingestion;
    this.tenants = tenants;
  }

  /**
   * A token issuance has no transaction of its own to join (the authorization server stores the
   * token's record on its own), so it is group-committed and the token is sent only after the
   * commit: see {@code IssuedTokenAnnouncer}.
   */
  @EventListener
  void on(TokenIssued issued) {
    boolean user = "user".equals(issued.principalType());
    AuditActor actor =
        new AuditActor(
            user ? AuditActor.Type.USER : AuditActor.Type.SERVICE,
            user ? issued.subject() : issued.clientId(),
            null,
            issued.sourceIp(),
            issued.userAgent());
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("grant_type", issued.grantType());
    details.put("client_id", issued.clientId());
    var scopes = details.putArray("scopes");
    issued.scopes().forEach(scopes::add);
    if (issued.tokenId() != null) {
      details.put("jti", issued.tokenId());
    }
    if (issued.expiresAt() != null) {
      details.put("expires_at", issued.expiresAt().toString());
    }
    ingestion.ingest(
        issued.tenantId(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.AUTHENTICATION, "token.issued", AuditOutcome.SUCCESS, actor)
                .resource(new AuditResource("client", issued.clientId()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  /**
   * Recorded in the revocation's transaction. The actor is whoever revoked: the client that asked,
   * the administrator who revoked the session, or the platform itself.
   */
  @EventListener
  void on(TokenRevoked revoked) {
    AuditActor actor =
        switch (revoked.reason()) {
          case CLIENT_REQUEST ->
              revoked.requestedBy() == null
                  ? actor()
                  : new AuditActor(
                      AuditActor.Type.SERVICE, revoked.requestedBy(), null, null, null);
          case SESSION_REVOKED -> actor();
          case REUSE_DETECTED -> AuditActor.system("reuse-detection");
          case RECORDING_FAILED -> AuditActor.system("token-issuance");
        };
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("reason", revoked.reason().wireName());
    details.put("client_id", revoked.clientId());
    details.put("subject", revoked.subject());
    details.put("principal_type", revoked.principalType());
    details.put("jti", revoked.tokenId());
    details.put("expires_at", revoked.expiresAt().toString());
    ledger.append(
        revoked.tenantId(),
        List.of(
            AuditEvent.builder(AuditCategory.SECURITY, "token.revoked", AuditOutcome.SUCCESS, actor)
                .resource(new AuditResource("access_token", revoked.tokenId()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  /** A stolen refresh token, presented again: refused, and its whole grant revoked. */
  @EventListener
  void on(TokenRefreshReused reused) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("client_id", reused.clientId());
    details.put("user_id", reused.subject());
    ledger.append(
        reused.tenantId(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.SECURITY,
                    "token.refresh_reused",
                    AuditOutcome.DENIED,
                    new AuditActor(
                        AuditActor.Type.SERVICE, reused.clientId(), null, reused.sourceIp(), null))
                .resource(new AuditResource("session", reused.sessionId()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  @EventListener
  void on(TenantCreated created) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("slug", created.slug().value());
    details.put("region", created.region());
    ledger.append(
        tenants.system().id(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.ADMINISTRATION, "tenant.created", AuditOutcome.SUCCESS, actor())
                .resource(new AuditResource("tenant", created.tenantId().toString()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  @EventListener
  void on(TenantStatusChanged changed) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("slug", changed.slug().value());
    details.put("from", changed.from().name().toLowerCase(Locale.ROOT));
    details.put("to", changed.to().name().toLowerCase(Locale.ROOT));
    ledger.append(
        tenants.system().id(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.ADMINISTRATION,
                    "tenant.status_changed",
                    AuditOutcome.SUCCESS,
                    actor())
                .resource(new AuditResource("tenant", changed.tenantId().toString()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  @EventListener
  void on(SigningKeyRotated rotated) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("algorithm", rotated.algorithm().name());
    details.put("scheduled", rotated.scheduled());
    ledger.append(
        rotated.tenantId(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.SECURITY,
                    "signing_key.rotated",
                    AuditOutcome.SUCCESS,
                    rotated.scheduled() ? AuditActor.system("key-rotation") : actor())
                .resource(new AuditResource("signing_key", rotated.currentKid()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  @EventListener
  void on(ServiceClientChanged changed) {
    ledger.append(
        changed.tenantId(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.ADMINISTRATION,
                    changed.change().action(),
                    AuditOutcome.SUCCESS,
                    actor())
                .resource(new AuditResource("client", changed.clientId()))
                .correlationId(correlationId())
                .build()));
  }

  @EventListener
  void on(RoleAssignmentChanged changed) {
    RoleAssignment assignment = changed.assignment();
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("role", assignment.role());
    details.put("assignment_id", assignment.id().toString());
    if (assignment.resourcePrefix() != null) {
      details.put("resource_prefix", assignment.resourcePrefix());
    }
    if (assignment.expiresAt() != null) {
      details.put("expires_at", assignment.expiresAt().toString());
    }
    ledger.append(
        changed.tenantId(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.ADMINISTRATION, changed.action(), AuditOutcome.SUCCESS, actor())
                .resource(
                    new AuditResource(assignment.principalType().value(), assignment.principalId()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  @EventListener
  void on(UserSessionRevoked revoked) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("user_id", revoked.session().userId());
    details.put("client_id", revoked.session().clientId());
    ledger.append(
        revoked.tenantId(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.SECURITY, "session.revoked", AuditOutcome.SUCCESS, actor())
                .resource(new AuditResource("session", revoked.session().id()))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  @EventListener
  void on(UserChanged changed) {
    AuditEvent.Builder event =
        AuditEvent.builder(
                AuditCategory.ADMINISTRATION,
                changed.change().action(),
                AuditOutcome.SUCCESS,
                changed.change() == UserChanged.Change.PURGED
                    ? AuditActor.system("user-purge")
                    : actor())
            .resource(new AuditResource("user", changed.userId().toString()))
            .correlationId(correlationId());
    if (changed.status() != null) {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.put("status", changed.status());
      event.details(details);
    }
    ledger.append(changed.tenantId(), List.of(event.build()));
  }

  @EventListener
  void on(IdentitySettingChanged changed) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.set("from", settingValues(changed.from()));
    details.set("to", settingValues(changed.to()));
    ledger.append(
        changed.tenantId(),
        List.of(
            AuditEvent.builder(
                    AuditCategory.CONFIGURATION, changed.action(), AuditOutcome.SUCCESS, actor())
                .resource(
                    new AuditResource(
                        "settings", changed.setting().name().toLowerCase(Locale.ROOT)))
                .correlationId(correlationId())
                .details(details)
                .build()));
  }

  private static ObjectNode settingValues(Map<String, Object> values) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    new TreeMap<>(values)
        .forEach((name, value) -> {
          switch (value) {
            case Integer number -> node.put(name, number);
            case List<?> list -> {
              ArrayNode items = node.putArray(name);
              list.forEach(item -> items.add(item.toString()));
            }
            default -> node.put(name, value.toString());
          }
        });
    return node;
  }

  @EventListener
  void on(SignInRecorded signIn) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    if (signIn.reason() != null) {
      details.put(signIn.success() ? "methods" : "reason", signIn.reason());
    }
    AuditActor actor =
        signIn.userId() == null
            ? new AuditActor(
                AuditActor.Type.SYSTEM, "sign-in", null, signIn.sourceIp(), signIn.userAgent())
            : new AuditActor(
                AuditActor.Type.USER,
                signIn.userId().toString(),
                null,
                signIn.sourceIp(),
                signIn.userAgent());
    if (signIn.action().equals("mfa.reset")) {
      actor = actor();
    }
    AuditEvent.Builder event =
        AuditEvent.builder(
                AuditCategory.AUTHENTICATION,
                signIn.action(),
                signIn.success() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
                actor)
            .correlationId(correlationId())
            .details(details);
    if (signIn.userId() != null) {
      event.resource(new AuditResource("user", signIn.userId().toString()));
    }
    ledger.append(signIn.tenantId(), List.of(event.build()));
  }

  static AuditActor actor() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken token) {
      boolean user = "user".equals(token.getToken().getClaimAsString(BulwarkClaims.PRINCIPAL_TYPE));
      return new AuditActor(
          user ? AuditActor.Type.USER : AuditActor.Type.SERVICE, token.getName(), null, null, null);
    }
    return AuditActor.system("bulwark");
  }

  static @Nullable String correlationId() {
    String id = MDC.get(CorrelationIdFilter.MDC_KEY);
    return id == null || id.isBlank() || id.length() > 128 ? null : id;
  }
}
