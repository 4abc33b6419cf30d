package io.bulwark.identity.internal;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.web.ProblemSecurityHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's authorization server, serving one issuer per tenant at {@code {base}/t/{slug}}.
 * Clients, authorizations and keys live in PostgreSQL under row-level security, so each issuer sees
 * only its own tenant's rows.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 1)
  SecurityFilterChain authorizationServerChain(
      HttpSecurity http,
      ProblemSecurityHandlers problemHandlers,
      ApplicationEventPublisher events,
      OAuth2AuthorizationService authorizations,
      TokenRevoker revoker)
      throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer =
        new OAuth2AuthorizationServerConfigurer();
    RequestMatcher authorizeEndpoint =
        PathPatternRequestMatcher.withDefaults().matcher("/t/*/oauth2/authorize");
    AuthenticationEntryPoint login = new TenantSessions.LoginEntryPoint();
    http.securityMatcher(authorizationServer.getEndpointsMatcher())
        .with(
            authorizationServer,
            server ->
                server
                    .oidc(Customizer.withDefaults())
                    .tokenEndpoint(token ->
                        token.accessTokenResponseHandler(
                            new IssuedTokenAnnouncer(events, authorizations, revoker)))
                    .tokenRevocationEndpoint(revocation ->
                        revocation.authenticationProviders(
                            providers -> providers.replaceAll(RevocationRequests::new))))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        // A browser's sign-in to this tenant lives in the session under the tenant's own key.
        .securityContext(
            context -> context.securityContextRepository(new TenantSessions.ContextRepository()))
        .requestCache(cache -> cache.requestCache(new TenantSessions.Requests()))
        .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()))
        .exceptionHandling(exceptions ->
            exceptions
                .authenticationEntryPoint(entryPoint(authorizeEndpoint, login, problemHandlers))
                .accessDeniedHandler(problemHandlers));
    return http.build();
  }

  /**
   * A browser at the authorization endpoint is sent to its tenant's login page; a client without
   * authentication at the token, introspection or revocation endpoint gets RFC 6749's {@code
   * invalid_client}; anything else the bearer-token problem document.
   */
  private static AuthenticationEntryPoint entryPoint(
      RequestMatcher authorizeEndpoint,
      AuthenticationEntryPoint login,
      ProblemSecurityHandlers problemHandlers) {
    OAuth2ClientAuthenticationEntryPoint clientChallenge =
        new OAuth2ClientAuthenticationEntryPoint();
    return (request, response, failure) -> {
      AuthenticationEntryPoint target =
          authorizeEndpoint.matches(request)
              ? login
              : OAuth2ClientAuthenticationEntryPoint.CLIENT_ENDPOINTS.matches(request)
                  ? clientChallenge
                  : problemHandlers;
      target.commence(request, response, failure);
    };
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings() {
    return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
  }

  @Bean
  CachingRegisteredClientRepository registeredClientRepository(
      JdbcTemplate jdbc, JdbcIdentitySettings settings) {
    return new CachingRegisteredClientRepository(
        new TenantLifetimeClients(new JdbcRegisteredClientRepository(jdbc), settings),
        java.time.Clock.systemUTC());
  }

  /**
   * client_credentials grants are not stored ({@link StatelessClientTokens}); the others are, in
   * {@code oauth2_authorization}, with refresh-token reuse detection ({@link
   * FamilyRevokingAuthorizationService}).
   */
  @Bean
  OAuth2AuthorizationService authorizationService(
      JdbcTemplate jdbc,
      RegisteredClientRepository clients,
      TenantJwtDecoder tokens,
      RevocationList revocations,
      TokenRevoker revoker,
      TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    return new StatelessClientTokens(
        new FamilyRevokingAuthorizationService(
            new JdbcOAuth2AuthorizationService(jdbc, clients),
            JdbcClient.create(jdbc),
            revoker,
            transactions,
            events),
        tokens,
        clients,
        revocations,
        revoker);
  }

  @Bean
  PasswordEncoder clientSecretEncoder() {
    ClientSecretEncoder hashes = new ClientSecretEncoder();
    DelegatingPasswordEncoder delegating =
        new DelegatingPasswordEncoder(
            ClientSecretEncoder.ID,
            Map.of(
                ClientSecretEncoder.ID,
                hashes,
                RotatingSecretEncoder.ID,
                new RotatingSecretEncoder(hashes, java.time.Clock.systemUTC())));
    return new PasswordEncoder() {
      @Override
      public @Nullable String encode(@Nullable CharSequence secret) {
        return delegating.encode(secret);
      }

      @Override
      public boolean matches(@Nullable CharSequence secret, @Nullable String encoded) {
        return delegating.matches(secret, encoded);
      }

      // The authorization server re-hashes a matched secret whose encoding is not the default;
      // for a secret mid-rotation that would keep whichever secret matched and drop the other.
      @Override
      public boolean upgradeEncoding(@Nullable String encoded) {
        return encoded != null
            && !encoded.startsWith("{" + RotatingSecretEncoder.ID + "}")
            && delegating.upgradeEncoding(encoded);
      }
    };
  }

  @Bean
  OAuth2TokenCustomizer<JwtEncodingContext> bulwarkClaims(
      SigningKeys signingKeys, RoleAssignments roles) {
    return context -> {
      TenantId tenant =
          TenantContext.current()
              .orElseThrow(() -> new IllegalStateException("token issued outside a tenant"));
      JWK current = signingKeys.of(tenant).current();
      context.getJwsHeader().keyId(current.getKeyID());
      if (current instanceof ECKey) {
        context.getJwsHeader().algorithm(SignatureAlgorithm.ES256);
      }
      boolean client =
          AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
      List<String> amr =
          client
              ? List.of()
              : context.getPrincipal().getAuthorities().stream()
                  .map(GrantedAuthority::getAuthority)
                  .<String>mapMulti((authority, amrs) -> {
                    if (FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(authority)) {
                      amrs.accept("pwd");
                    } else if (LoginController.TOTP_AUTHORITY.equals(authority)) {
                      amrs.accept("otp");
                    }
                  })
                  .toList();
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        context
            .getClaims()
            .audience(
                new ArrayList<>(
                    List.of(
                        context.getRegisteredClient().getClientId(), BulwarkClaims.API_AUDIENCE)))
            .claim(BulwarkClaims.TENANT_ID, tenant.toString())
            .claim(BulwarkClaims.PRINCIPAL_TYPE, client ? "client" : "user")
            .claim(
                BulwarkClaims.ROLES,
                client
                    ? roles.rolesOfClient(tenant, context.getRegisteredClient().getId())
                    : roles.rolesOfUser(tenant, context.getPrincipal().getName()));
      }
      boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
      if (!amr.isEmpty()
          && (idToken || OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()))) {
        // Spring stores claims with type information that admits only java.util.ArrayList.
        context.getClaims().claim("amr", new ArrayList<>(amr));
      }
      if (idToken) {
        // Spring gives every ID token 30 minutes; the tenant's setting (TenantLifetimeClients)
        // replaces that.
        Duration lifetime =
            context
                .getRegisteredClient()
                .getTokenSettings()
                .getSetting(TenantLifetimeClients.ID_TOKEN_TIME_TO_LIVE);
        context
            .getClaims()
            .claim(BulwarkClaims.TENANT_ID, tenant.toString())
            .claims(claims -> {
              if (lifetime != null && claims.get(JwtClaimNames.IAT) instanceof Instant issuedAt) {
                claims.put(JwtClaimNames.EXP, issuedAt.plus(lifetime));
              }
            });
      }
    };
  }
}
