package io.bulwark.identity.internal;

import io.bulwark.platform.web.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything that is not an issuer endpoint: the JSON API and the actuator. Every request needs a
 * bearer token from a Bulwark issuer, except the health probes and the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 5)
  SecurityFilterChain apiChain(
      HttpSecurity http,
      TenantJwtDecoder decoder,
      ApiAccessPolicy policy,
      ProblemSecurityHandlers problemHandlers)
      throws Exception {
    http.authorizeHttpRequests(requests ->
            requests
                .requestMatchers(
                    "/actuator/health", "/actuator/health/**", "/openapi.yaml", "/error")
                .permitAll()
                .anyRequest()
                .access(policy))
        .oauth2ResourceServer(resourceServer ->
            resourceServer
                .jwt(jwt -> jwt.decoder(decoder))
                .authenticationEntryPoint(problemHandlers)
                .accessDeniedHandler(problemHandlers))
        .exceptionHandling(exceptions ->
            exceptions
                .authenticationEntryPoint(problemHandlers)
                .accessDeniedHandler(problemHandlers))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .anonymous(anonymous -> {});
    return http.build();
  }
}
