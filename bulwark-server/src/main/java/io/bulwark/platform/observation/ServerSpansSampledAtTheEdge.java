package io.bulwark.platform.observation;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * The root sampler (used for spans without a parent): keeps every server span, because {@link
 * EdgeSampledRequestTracing} starts one only for a request it has already chosen to trace, and
 * leaves every other root span (scheduled jobs, outgoing calls outside a request) to the configured
 * ratio. Rolling the ratio a second time for a chosen request would trace p² of them instead of p.
 */
final class ServerSpansSampledAtTheEdge implements Sampler {

  private final Sampler others;

  ServerSpansSampledAtTheEdge(Sampler others) {
    this.others = others;
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    if (spanKind == SpanKind.SERVER) {
      return SamplingResult.recordAndSample();
    }
    return others.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return "ServerSpansSampledAtTheEdge{others=" + others.getDescription() + "}";
  }
}
