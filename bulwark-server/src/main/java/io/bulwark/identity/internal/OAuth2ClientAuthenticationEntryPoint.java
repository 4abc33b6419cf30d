package io.bulwark.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The answer of the endpoints that authenticate OAuth 2.0 clients (token, introspection,
 * revocation) to a request that carries no client authentication at all: RFC 6749 §5.2 {@code
 * invalid_client} with a {@code Basic} challenge, as OAuth clients expect, rather than the API's
 * bearer-token problem document. Requests with wrong credentials never get here: the authorization
 * server answers them itself, in the same form.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>
 */
final class OAuth2ClientAuthenticationEntryPoint implements AuthenticationEntryPoint {

  /** The issuer endpoints at which clients authenticate, under every tenant's issuer. */
  static final RequestMatcher CLIENT_ENDPOINTS =
      new OrRequestMatcher(
          PathPatternRequestMatcher.withDefaults().matcher("/t/*/oauth2/token"),
          PathPatternRequestMatcher.withDefaults().matcher("/t/*/oauth2/introspect"),
          PathPatternRequestMatcher.withDefaults().matcher("/t/*/oauth2/revoke"));

  private static final byte[] BODY =
      """
      {"error":"invalid_client","error_description":"Client authentication is required"}\
      """
          .getBytes(StandardCharsets.UTF_8);

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(BODY.length);
    response.getOutputStream().write(BODY);
  }
}
