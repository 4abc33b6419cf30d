package io.bulwark.platform.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSpansSampledAtTheEdgeTests {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final Sampler sampler = new ServerSpansSampledAtTheEdge(Sampler.alwaysOff());

  @Test
  void serverSpanChosenAtTheEdgeIsKept() {
    assertThat(decision(SpanKind.SERVER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
  }

  @Test
  void otherRootSpansAreLeftToTheConfiguredRatio() {
    assertThat(decision(SpanKind.INTERNAL)).isEqualTo(SamplingDecision.DROP);
    assertThat(decision(SpanKind.CLIENT)).isEqualTo(SamplingDecision.DROP);
  }

  private SamplingDecision decision(SpanKind kind) {
    return sampler
        .shouldSample(Context.root(), TRACE_ID, "GET /api", kind, Attributes.empty(), List.of())
        .getDecision();
  }
}
