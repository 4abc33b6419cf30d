package io.bulwark.secrets.vault.web;

import io.bulwark.audit.AuditActor;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.authorization.Principal;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.CorrelationIdFilter;
import io.bulwark.secrets.vault.SecretCaller;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the current request as the vault's audit records name it. */
final class SecretCallers {

  static final String PURPOSE_HEADER = "X-Bulwark-Purpose";

  private SecretCallers() {}

  static SecretCaller current(AccessDecisions decisions, @Nullable String purpose) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      throw new ApiProblem(ProblemType.UNAUTHENTICATED, "A bearer token is required");
    }
    Principal principal = decisions.principalOf(token);
    AuditActor actor =
        new AuditActor(
            principal.type() == Principal.Type.USER
                ? AuditActor.Type.USER
                : AuditActor.Type.SERVICE,
            principal.id(),
            null,
            null,
            null);
    String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
    if (correlationId != null && (correlationId.isBlank() || correlationId.length() > 128)) {
      correlationId = null;
    }
    if (purpose != null && (purpose.isBlank() || purpose.length() > 256)) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Header " + PURPOSE_HEADER + " must be 1 to 256 characters",
          Map.of("parameter", PURPOSE_HEADER));
    }
    return new SecretCaller(actor, purpose, correlationId);
  }
}
