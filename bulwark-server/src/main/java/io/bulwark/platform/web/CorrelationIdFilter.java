package io.bulwark.platform.web;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is
 * well-formed, else the request's trace id (the caller's, from a W3C {@code traceparent}, or the
 * one the observation filter started), else a new one. The id is put in the logging context and
 * echoed in the response.
 *
 * <p>Runs inside the HTTP server observation, so the trace id already exists: a request without ids
 * gets one random id, not a trace id and a separate UUID from {@code SecureRandom}.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace Context</a>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public final class CorrelationIdFilter extends OncePerRequestFilter {

  /** The request and response header carrying the correlation id. */
  public static final String HEADER = "X-Correlation-Id";

  /** The logging-context key of the correlation id. */
  public static final String MDC_KEY = "correlation_id";

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
    SpanContext current = Span.current().getSpanContext();
    if (current.isValid()) {
      return current.getTraceId();
    }
    W3cTraceParent traceParent = W3cTraceParent.parse(request.getHeader(W3cTraceParent.HEADER));
    return traceParent != null ? traceParent.traceId() : UUID.randomUUID().toString();
  }
}
