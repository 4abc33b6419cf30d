package io.bulwark.identity.internal;

import io.bulwark.platform.web.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Everything that is not an issuer endpoint: the JSON API and the actuator. Every request needs a
 * bearer token from a Bulwark issuer, except the health probes and the OpenAPI document.
 *
 * <p>The JSON API ({@code /api/**}) has a chain of its own, matched before every other chain, so no
 * authorization-server or login filter ever looks at an API request, and it carries only what a
 * bearer-token API needs: no session, no saved request, no CSRF token (a bearer token is not sent
 * by the browser on its own), no logout. The rest (actuator, OpenAPI document, error page) goes
 * through the same checks in a catch-all chain after the issuer and login chains.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain apiChain(
      HttpSecurity http,
      TenantJwtDecoder decoder,
      ApiAccessPolicy policy,
      ProblemSecurityHandlers problemHandlers)
      throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().access(policy));
    return bearerOnly(http, decoder, problemHandlers).build();
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 5)
  SecurityFilterChain platformChain(
      HttpSecurity http,
      TenantJwtDecoder decoder,
      ApiAccessPolicy policy,
      ProblemSecurityHandlers problemHandlers)
      throws Exception {
    http.authorizeHttpRequests(requests ->
        requests
            .requestMatchers("/actuator/health", "/actuator/health/**", "/openapi.yaml", "/error")
            .permitAll()
            .anyRequest()
            .access(policy));
    return bearerOnly(http, decoder, problemHandlers).build();
  }

  private static HttpSecurity bearerOnly(
      HttpSecurity http, TenantJwtDecoder decoder, ProblemSecurityHandlers problemHandlers)
      throws Exception {
    return http.oauth2ResourceServer(resourceServer ->
            resourceServer
                .bearerTokenResolver(new ApiBearerTokenResolver())
                .jwt(jwt -> jwt.decoder(decoder))
                .authenticationEntryPoint(problemHandlers)
                .accessDeniedHandler(problemHandlers))
        .exceptionHandling(exceptions ->
            exceptions
                .authenticationEntryPoint(problemHandlers)
                .accessDeniedHandler(problemHandlers))
        // The authentication lives for one request, in a request attribute, never in a session.
        .securityContext(context ->
            context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .sessionManagement(AbstractHttpConfigurer::disable)
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .anonymous(anonymous -> {});
  }
}
