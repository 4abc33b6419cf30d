package io.bulwark.identity.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.bulwark.identity.TokenIssued;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Answers the token endpoint only after the issued token was announced as {@link TokenIssued}
 * (which the audit ledger records, durably). If announcing fails the token is revoked at once (its
 * {@code jti} goes on the {@link RevocationList}, and a user's authorization is removed) and the
 * client gets {@code server_error} instead of it, so no token leaves without its audit record.
 */
final class IssuedTokenAnnouncer implements AuthenticationSuccessHandler {

  private static final int MAX_USER_AGENT = 512;

  private final ApplicationEventPublisher events;
  private final OAuth2AuthorizationService authorizations;
  private final TokenRevoker revoker;
  private final AuthenticationSuccessHandler response =
      new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

  IssuedTokenAnnouncer(
      ApplicationEventPublisher events,
      OAuth2AuthorizationService authorizations,
      TokenRevoker revoker) {
    this.events = events;
    this.authorizations = authorizations;
    this.revoker = revoker;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse servletResponse, Authentication result)
      throws IOException, ServletException {
    if (result instanceof OAuth2AccessTokenAuthenticationToken issued) {
      try {
        events.publishEvent(announcement(request, issued));
      } catch (RuntimeException e) {
        revoke(issued);
        throw new OAuth2AuthenticationException(
            new OAuth2Error(
                OAuth2ErrorCodes.SERVER_ERROR, "The token could not be recorded; retry", null),
            e);
      }
    }
    response.onAuthenticationSuccess(request, servletResponse, result);
  }

  private static TokenIssued announcement(
      HttpServletRequest request, OAuth2AccessTokenAuthenticationToken issued) {
    TenantId tenant =
        TenantContext.current()
            .orElseThrow(() -> new IllegalStateException("token issued outside a tenant"));
    JWTClaimsSet claims = UnverifiedClaims.of(issued.getAccessToken().getTokenValue());
    String clientId = issued.getRegisteredClient().getClientId();
    String subject = claims == null || claims.getSubject() == null ? clientId : claims.getSubject();
    Object type =
        claims == null ? null : claims.getClaim(io.bulwark.platform.BulwarkClaims.PRINCIPAL_TYPE);
    Date expires = claims == null ? null : claims.getExpirationTime();
    String grant = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
    String userAgent = request.getHeader("User-Agent");
    return new TokenIssued(
        tenant,
        clientId,
        subject,
        type == null ? "client" : type.toString(),
        grant == null ? "unknown" : grant,
        new ArrayList<>(issued.getAccessToken().getScopes()),
        claims == null ? null : claims.getJWTID(),
        expires == null ? null : expires.toInstant(),
        request.getRemoteAddr(),
        userAgent == null || userAgent.length() <= MAX_USER_AGENT
            ? userAgent
            : userAgent.substring(0, MAX_USER_AGENT));
  }

  private void revoke(OAuth2AccessTokenAuthenticationToken issued) {
    TenantId tenant =
        TenantContext.current()
            .orElseThrow(() -> new IllegalStateException("token issued outside a tenant"));
    JWTClaimsSet claims = UnverifiedClaims.of(issued.getAccessToken().getTokenValue());
    if (claims != null && claims.getJWTID() != null && claims.getExpirationTime() != null) {
      String clientId = issued.getRegisteredClient().getClientId();
      Object type = claims.getClaim(io.bulwark.platform.BulwarkClaims.PRINCIPAL_TYPE);
      revoker.revokeUnrecorded(
          tenant,
          new TokenRevoker.Revocable(
              clientId,
              claims.getSubject() == null ? clientId : claims.getSubject(),
              type == null ? "client" : type.toString(),
              claims.getJWTID(),
              claims.getExpirationTime().toInstant()));
    }
    OAuth2Authorization authorization =
        authorizations.findByToken(
            issued.getAccessToken().getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
    if (authorization != null) {
      authorizations.remove(authorization);
    }
  }
}
