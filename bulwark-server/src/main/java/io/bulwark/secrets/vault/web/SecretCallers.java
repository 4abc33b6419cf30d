package io.bulwark.secrets.vault.web;

import io.bulwark.audit.AuditCaller;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the current request as the vault's audit records name it. */
final class SecretCallers {

  static final String PURPOSE_HEADER = AuditCaller.PURPOSE_HEADER;

  private SecretCallers() {}

  static AuditCaller current(AccessDecisions decisions, @Nullable String purpose) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      throw new ApiProblem(ProblemType.UNAUTHENTICATED, "A bearer token is required");
    }
    return AuditCaller.of(decisions.principalOf(token), purpose);
  }
}
