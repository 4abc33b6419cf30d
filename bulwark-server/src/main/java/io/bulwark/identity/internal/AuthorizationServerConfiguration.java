package io.bulwark.identity.internal;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.bulwark.platform.BulwarkClaims;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.web.ProblemSecurityHandlers;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
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

/**
 * Spring Security's authorization server, serving one issuer per tenant at {@code {base}/t/{slug}}.
 * Clients, authorizations and keys live in PostgreSQL under row-level security, so each issuer sees
 * only its own tenant's rows.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain authorizationServerChain(
      HttpSecurity http, ProblemSecurityHandlers problemHandlers) throws Exception {
    OAuth2AuthorizationServerConfigurer authorizationServer =
        new OAuth2AuthorizationServerConfigurer();
    http.securityMatcher(authorizationServer.getEndpointsMatcher())
        .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.ignoringRequestMatchers(authorizationServer.getEndpointsMatcher()))
        .exceptionHandling(exceptions ->
            exceptions
                .authenticationEntryPoint(entryPoint(problemHandlers))
                .accessDeniedHandler(problemHandlers));
    return http.build();
  }

  private static AuthenticationEntryPoint entryPoint(ProblemSecurityHandlers problemHandlers) {
    OAuth2ClientAuthenticationEntryPoint clientChallenge =
        new OAuth2ClientAuthenticationEntryPoint();
    return (request, response, failure) ->
        (OAuth2ClientAuthenticationEntryPoint.CLIENT_ENDPOINTS.matches(request)
                ? clientChallenge
                : problemHandlers)
            .commence(request, response, failure);
  }

  @Bean
  AuthorizationServerSettings authorizationServerSettings() {
    return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
  }

  @Bean
  RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
    return new JdbcRegisteredClientRepository(jdbc);
  }

  @Bean
  OAuth2AuthorizationService authorizationService(
      JdbcTemplate jdbc, RegisteredClientRepository clients) {
    return new JdbcOAuth2AuthorizationService(jdbc, clients);
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
      if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
        context
            .getClaims()
            .audience(
                List.of(context.getRegisteredClient().getClientId(), BulwarkClaims.API_AUDIENCE))
            .claim(BulwarkClaims.TENANT_ID, tenant.toString())
            .claim(
                BulwarkClaims.PRINCIPAL_TYPE,
                AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
                        context.getAuthorizationGrantType())
                    ? "client"
                    : "user")
            .claim(
                BulwarkClaims.ROLES,
                roles.rolesOfClient(tenant, context.getRegisteredClient().getId()));
      }
    };
  }
}
