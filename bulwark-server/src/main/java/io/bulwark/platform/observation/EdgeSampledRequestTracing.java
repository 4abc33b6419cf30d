package io.bulwark.platform.observation;

import io.bulwark.platform.web.W3cTraceParent;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Traces received requests (HTTP server requests) with the sampling decision taken before any span
 * exists. A request is traced when its caller sampled it (a {@code traceparent} with flag {@code
 * 01}) or, with none, with the configured probability; it then gets the regular Micrometer span of
 * {@link PropagatingReceiverTracingObservationHandler}, recorded and exported.
 *
 * <p>Every other request gets no span builder, no span and no Micrometer tracing context with its
 * maps: only a non-recording OpenTelemetry span context (the caller's trace id, or a new one, and a
 * new span id) made current for the observation's scopes. That is all unsampled spans were good
 * for: the trace and span id in the logging context, and the trace id for anything started inside
 * the request (a child observation sees an unsampled parent and is not sampled either).
 *
 * <p>The root decision is final: {@link ServerSpansSampledAtTheEdge} makes the SDK's sampler keep
 * every server span this handler chose to start.
 */
final class EdgeSampledRequestTracing
    extends PropagatingReceiverTracingObservationHandler<ReceiverContext<?>> {

  private final double probability;
  private final IdGenerator ids = IdGenerator.random();

  EdgeSampledRequestTracing(Tracer tracer, Propagator propagator, double probability) {
    super(tracer, propagator);
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException(
          "sampling probability must be in [0, 1], was " + probability);
    }
    this.probability = probability;
  }

  @Override
  public void onStart(ReceiverContext<?> context) {
    W3cTraceParent caller = W3cTraceParent.parse(header(context, W3cTraceParent.HEADER));
    boolean sampled =
        caller != null ? caller.sampled() : ThreadLocalRandom.current().nextDouble() < probability;
    if (sampled) {
      super.onStart(context);
      return;
    }
    String traceId = caller != null ? caller.traceId() : ids.generateTraceId();
    SpanContext unsampled =
        SpanContext.create(
            traceId, ids.generateSpanId(), TraceFlags.getDefault(), TraceState.getDefault());
    context.put(Unsampled.class, new Unsampled(Context.current().with(Span.wrap(unsampled))));
    // The meter handler asks for a tracing context on stop; an empty one says "no span".
    getTracingContext(context);
  }

  @Override
  public void onScopeOpened(ReceiverContext<?> context) {
    Unsampled unsampled = context.get(Unsampled.class);
    if (unsampled == null) {
      super.onScopeOpened(context);
    } else {
      unsampled.open();
    }
  }

  @Override
  public void onScopeClosed(ReceiverContext<?> context) {
    Unsampled unsampled = context.get(Unsampled.class);
    if (unsampled == null) {
      super.onScopeClosed(context);
    } else {
      unsampled.close();
    }
  }

  @Override
  public void onScopeReset(ReceiverContext<?> context) {
    Unsampled unsampled = context.get(Unsampled.class);
    if (unsampled == null) {
      super.onScopeReset(context);
    } else {
      unsampled.close();
    }
  }

  @Override
  public void onEvent(Observation.Event event, ReceiverContext<?> context) {
    if (!context.containsKey(Unsampled.class)) {
      super.onEvent(event, context);
    }
  }

  @Override
  public void onError(ReceiverContext<?> context) {
    if (!context.containsKey(Unsampled.class)) {
      super.onError(context);
    }
  }

  @Override
  public void onStop(ReceiverContext<?> context) {
    if (!context.containsKey(Unsampled.class)) {
      super.onStop(context);
    }
  }

  private static <C> @Nullable String header(ReceiverContext<C> context, String name) {
    C carrier = context.getCarrier();
    return carrier == null ? null : context.getGetter().get(carrier, name);
  }

  /**
   * The OpenTelemetry context of an unsampled request and the scope it is current in. A server
   * observation's scope is opened and closed on one thread at a time (the request's, then an async
   * dispatch's), so one slot suffices.
   */
  private static final class Unsampled {

    private final Context context;
    private @Nullable Scope scope;

    Unsampled(Context context) {
      this.context = context;
    }

    void open() {
      close();
      scope = context.makeCurrent();
    }

    void close() {
      Scope open = scope;
      if (open != null) {
        scope = null;
        open.close();
      }
    }
  }
}
