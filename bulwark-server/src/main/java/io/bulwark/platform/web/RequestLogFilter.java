package io.bulwark.platform.web;

import io.bulwark.platform.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Logs each HTTP request once, when it completes: method, path template, status, duration and
 * tenant. Never headers, tokens, query strings or bodies. Runs inside the tracing filter so the
 * line carries the trace id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public final class RequestLogFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger("io.bulwark.http");

  /** Request attribute under which the edge records the tenant slug a request addressed. */
  public static final String TENANT_ATTRIBUTE = RequestLogFilter.class.getName() + ".tenant";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long started = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      if (log.isInfoEnabled()) {
        logCompleted(request, response.getStatus(), System.nanoTime() - started);
      }
    }
  }

  /**
   * One line per request sits on every request's path, so it is built once and cheaply: the path
   * template is looked up once, and the message is a finished string without arguments (an argument
   * would be formatted into the message and then redacted again on its own).
   */
  private static void logCompleted(HttpServletRequest request, int status, long nanos) {
    String method = request.getMethod();
    String path = pathTemplate(request);
    log.atInfo()
        .setMessage(method + " " + path + " " + status)
        .addKeyValue("http_method", method)
        .addKeyValue("http_path", path)
        .addKeyValue("http_status", status)
        .addKeyValue("duration_ms", (nanos / 1_000) / 1000.0)
        .addKeyValue("tenant", tenantOf(request))
        .log();
  }

  private static String pathTemplate(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern != null) {
      return pattern.toString();
    }
    String path = request.getRequestURI();
    return path.length() > 200 ? path.substring(0, 200) : path;
  }

  private static String tenantOf(HttpServletRequest request) {
    Object slug = request.getAttribute(TENANT_ATTRIBUTE);
    if (slug != null) {
      return slug.toString();
    }
    return TenantContext.current().map(Object::toString).orElse("-");
  }
}
