package io.bulwark.identity.internal;

import io.bulwark.identity.Issuers;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * One browser session can hold sign-ins to several tenant issuers, each under its own session
 * attribute: a sign-in to tenant A is simply absent when tenant B's authorization endpoint looks
 * for one. The tenant is the one {@link TenantIssuerFilter} bound to the request.
 */
final class TenantSessions {

  private TenantSessions() {}

  static String contextKey(TenantId tenant) {
    return "bulwark.security-context." + tenant.value();
  }

  static String pendingKey(TenantId tenant) {
    return "bulwark.pending-sign-in." + tenant.value();
  }

  static String loginPath(HttpServletRequest request) {
    return request.getContextPath()
        + Issuers.PATH_PREFIX
        + Issuers.slugOfRequestPath(request.getRequestURI()).orElseThrow()
        + "/login";
  }

  /** Security contexts kept per tenant in the HTTP session. */
  static final class ContextRepository implements SecurityContextRepository {

    private static HttpSessionSecurityContextRepository delegate() {
      HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
      TenantContext.current()
          .ifPresent(tenant -> repository.setSpringSecurityContextKey(contextKey(tenant)));
      return repository;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(
        org.springframework.security.web.context.HttpRequestResponseHolder holder) {
      return TenantContext.current().isPresent()
          ? delegate().loadContext(holder)
          : SecurityContextHolder.createEmptyContext();
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
      if (TenantContext.current().isEmpty()) {
        return new DeferredSecurityContext() {
          @Override
          public SecurityContext get() {
            return SecurityContextHolder.createEmptyContext();
          }

          @Override
          public boolean isGenerated() {
            return true;
          }
        };
      }
      return delegate().loadDeferredContext(request);
    }

    @Override
    public void saveContext(
        SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
      if (TenantContext.current().isPresent()) {
        delegate().saveContext(context, request, response);
      }
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
      return TenantContext.current().isPresent() && delegate().containsContext(request);
    }
  }

  /** The request that sent the user to sign in, kept per tenant. */
  static final class Requests implements RequestCache {

    private static HttpSessionRequestCache delegate() {
      HttpSessionRequestCache cache = new HttpSessionRequestCache();
      cache.setMatchingRequestParameterName(null);
      TenantContext.current()
          .ifPresent(tenant -> cache.setSessionAttrName("bulwark.saved-request." + tenant.value()));
      return cache;
    }

    // Only a browser's authorization request is worth a session; a machine client that failed
    // to authenticate at another endpoint must not make the server keep one for it.
    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
      if (TenantContext.current().isPresent()
          && "GET".equals(request.getMethod())
          && request.getRequestURI().endsWith("/oauth2/authorize")) {
        delegate().saveRequest(request, response);
      }
    }

    @Override
    public @Nullable SavedRequest getRequest(
        HttpServletRequest request, HttpServletResponse response) {
      return TenantContext.current().isPresent() ? delegate().getRequest(request, response) : null;
    }

    @Override
    public @Nullable HttpServletRequest getMatchingRequest(
        HttpServletRequest request, HttpServletResponse response) {
      return TenantContext.current().isPresent()
          ? delegate().getMatchingRequest(request, response)
          : null;
    }

    @Override
    public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
      if (TenantContext.current().isPresent()) {
        delegate().removeRequest(request, response);
      }
    }
  }

  /** Sends a browser that must sign in to its tenant's login page. */
  static final class LoginEntryPoint implements AuthenticationEntryPoint {
    @Override
    public void commence(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
        throws IOException {
      response.sendRedirect(loginPath(request));
    }
  }
}
