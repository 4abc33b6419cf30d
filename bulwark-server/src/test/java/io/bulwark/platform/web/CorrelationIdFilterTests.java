package io.bulwark.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CorrelationIdFilterTests {

  @Test
  void wellFormedCallerIdIsKept() {
    var request = new MockHttpServletRequest();
    request.addHeader("X-Correlation-Id", "checkout:42.a_b-c");

    assertThat(CorrelationIdFilter.correlationIdOf(request)).isEqualTo("checkout:42.a_b-c");
  }

  @Test
  void callerIdThatCouldForgeLogContentIsReplaced() {
    var request = new MockHttpServletRequest();
    request.addHeader("X-Correlation-Id", "x\"}\n{\"level\":\"ERROR");

    assertThat(CorrelationIdFilter.correlationIdOf(request)).matches("[0-9a-f-]{36}");
  }

  @Test
  void traceparentTraceIdIsUsedWhenNoCallerId() {
    var request = new MockHttpServletRequest();
    request.addHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    assertThat(CorrelationIdFilter.correlationIdOf(request))
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void allZeroTraceIdIsInvalidAndIgnored() {
    var request = new MockHttpServletRequest();
    request.addHeader("traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");

    assertThat(CorrelationIdFilter.correlationIdOf(request)).matches("[0-9a-f-]{36}");
  }

  @Test
  void traceIdOfTheCurrentRequestIsUsedWhenNoCallerId() {
    var request = new MockHttpServletRequest();
    var current =
        SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getDefault(),
            TraceState.getDefault());

    try (var scope = Span.wrap(current).makeCurrent()) {
      assertThat(CorrelationIdFilter.correlationIdOf(request))
          .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }
  }
}
