package io.bulwark.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is
 * well-formed, else the trace id of a W3C {@code traceparent}, else a new one. The id is put in the
 * logging context and echoed in the response.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace Context</a>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class CorrelationIdFilter extends OncePerRequestFilter {

  /** The request and response header carrying the correlation id. */
  public static final String HEADER = "X-Correlation-Id";

  /** The logging-context key of the correlation id. */
  public static final String MDC_KEY = "correlation_id";

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String correlationId = correlationIdOf(request);
    MDC.put(MDC_KEY, correlationId);
    response.setHeader(HEADER, correlationId);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  static String correlationIdOf(HttpServletRequest request) {
    String given = request.getHeader(HEADER);
    if (given != null && SAFE_ID.matcher(given).matches()) {
      return given;
    }
    String traceId = traceIdOf(request.getHeader("traceparent"));
    return traceId != null ? traceId : UUID.randomUUID().toString();
  }

  private static @Nullable String traceIdOf(@Nullable String traceparent) {
    if (traceparent == null) {
      return null;
    }
    var matcher = TRACEPARENT.matcher(traceparent.trim());
    if (!matcher.matches() || matcher.group(1).chars().allMatch(c -> c == '0')) {
      return null;
    }
    return matcher.group(1);
  }
}
