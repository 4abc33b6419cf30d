package io.bulwark.identity.internal;

import io.bulwark.platform.web.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The login and logout pages of every tenant issuer ({@code /t/{slug}/login…}, {@code
 * /t/{slug}/logout}): sessions, CSRF protection and a strict Content-Security-Policy, with each
 * tenant's sign-in kept apart in the session ({@link TenantSessions}).
 */
@Configuration(proxyBeanMethods = false)
class LoginSecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 2)
  SecurityFilterChain loginChain(HttpSecurity http, ProblemSecurityHandlers problemHandlers)
      throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    http.securityMatcher(
            new OrRequestMatcher(paths.matcher("/t/*/login/**"), paths.matcher("/t/*/logout")))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .securityContext(
            context -> context.securityContextRepository(new TenantSessions.ContextRepository()))
        .requestCache(cache -> cache.requestCache(new TenantSessions.Requests()))
        .headers(headers ->
            headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer ->
                    referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .exceptionHandling(exceptions ->
            exceptions
                .authenticationEntryPoint(problemHandlers)
                .accessDeniedHandler(problemHandlers))
        .anonymous(anonymous -> {});
    return http.build();
  }
}
