package io.bulwark.platform.observation;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Replaces three pieces of Spring Boot's observability set-up, through the beans it backs off for:
 * the receiver tracing handler (sampling decided before a span exists), the OpenTelemetry sampler
 * (that decision is final) and Spring Security's observations (none: they cost about a tenth of a
 * secret read, and without this bean Security still wraps every filter, authentication and
 * authorization in a no-op observation). The {@code http.server.requests} timer is Boot's,
 * untouched.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

  private final double probability;

  ObservationConfiguration(
      @Value("${management.tracing.sampling.probability}") double probability) {
    this.probability = probability;
  }

  @Bean
  @Order(MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER)
  PropagatingReceiverTracingObservationHandler<?> edgeSampledRequestTracing(
      Tracer tracer, Propagator propagator) {
    return new EdgeSampledRequestTracing(tracer, propagator, probability);
  }

  @Bean
  Sampler edgeSampler() {
    return Sampler.parentBased(
        new ServerSpansSampledAtTheEdge(Sampler.traceIdRatioBased(probability)));
  }

  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }
}
