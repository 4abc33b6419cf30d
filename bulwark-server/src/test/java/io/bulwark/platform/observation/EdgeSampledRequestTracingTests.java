package io.bulwark.platform.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler with the real OpenTelemetry SDK and Micrometer's bridge, as the server wires them.
 */
class EdgeSampledRequestTracingTests {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final List<SpanData> exported = new CopyOnWriteArrayList<>();
  private SdkTracerProvider provider;

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void rootRequestChosenAtProbabilityOneIsRecordedOnceAsARootServerSpan() {
    SpanContext inScope = observe(registry(1.0), Map.of());

    assertThat(exported).hasSize(1);
    assertThat(exported.get(0).getParentSpanContext().isValid()).isFalse();
    assertThat(exported.get(0).getSpanContext()).isEqualTo(inScope);
  }

  @Test
  void rootRequestNotChosenGetsATraceIdInScopeButNoSpan() {
    SpanContext inScope = observe(registry(0.0), Map.of());

    assertThat(inScope.isValid()).isTrue();
    assertThat(inScope.isSampled()).isFalse();
    assertThat(exported).isEmpty();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void callersSampledTraceIsContinuedEvenAtProbabilityZero() {
    observe(registry(0.0), Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));

    assertThat(exported)
        .singleElement()
        .satisfies(span -> {
          assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
          assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        });
  }

  @Test
  void callersUnsampledTraceKeepsItsIdButIsNotRecordedEvenAtProbabilityOne() {
    SpanContext inScope =
        observe(registry(1.0), Map.of("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-00"));

    assertThat(inScope.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(exported).isEmpty();
  }

  /** Runs one server observation and returns the span context current inside its scope. */
  private static SpanContext observe(ObservationRegistry registry, Map<String, String> headers) {
    ReceiverContext<Map<String, String>> context =
        new ReceiverContext<>((carrier, key) -> carrier.get(key), Kind.SERVER);
    context.setCarrier(headers);
    Observation observation = Observation.start("http.server.requests", () -> context, registry);
    SpanContext inScope;
    try (Observation.Scope scope = observation.openScope()) {
      inScope = Span.current().getSpanContext();
    }
    observation.stop();
    return inScope;
  }

  private ObservationRegistry registry(double probability) {
    provider =
        SdkTracerProvider.builder()
            .setSampler(
                Sampler.parentBased(
                    new ServerSpansSampledAtTheEdge(Sampler.traceIdRatioBased(probability))))
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting(exported)))
            .build();
    var otel = provider.get("test");
    var tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {});
    var propagator =
        new OtelPropagator(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
    ObservationRegistry registry = ObservationRegistry.create();
    registry
        .observationConfig()
        .observationHandler(new EdgeSampledRequestTracing(tracer, propagator, probability));
    return registry;
  }

  private record Collecting(List<SpanData> into) implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      into.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
