package io.bulwark.platform.web;

import io.bulwark.platform.problem.ProblemResponseWriter;
import io.bulwark.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's 401 and 403 answers as problem+json. A 401 carries the RFC 6750 {@code
 * WWW-Authenticate: Bearer} challenge; a 403 whose decision names a problem type (such as a
 * suspended tenant) answers with that type.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
@Component
public final class ProblemSecurityHandlers
    implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ProblemResponseWriter problems;
  private final BearerTokenAuthenticationEntryPoint challenge =
      new BearerTokenAuthenticationEntryPoint();

  ProblemSecurityHandlers(ProblemResponseWriter problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    challenge.commence(request, response, failure);
    problems.write(
        response,
        ProblemType.UNAUTHENTICATED,
        "A valid bearer token from a Bulwark issuer is required");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    if (denied instanceof AuthorizationDeniedException authorization
        && authorization.getAuthorizationResult() instanceof ProblemDecision decision) {
      problems.write(response, decision.problemType(), decision.reason());
      return;
    }
    problems.write(response, ProblemType.FORBIDDEN, "The caller may not do this");
  }
}
