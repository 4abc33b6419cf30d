package io.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operators rely on from the observation of API requests, against the real server with the
 * real OpenTelemetry SDK: the {@code http.server.requests} timer and its tags, spans for sampled
 * requests, trace and correlation ids in the request line, and no secret in any of them. Root
 * sampling is 0 here, so only a caller's sampled {@code traceparent} produces a span.
 */
@BulwarkIntegrationTest
@TestPropertySource(properties = "management.tracing.sampling.probability=0")
@ExtendWith(OutputCaptureExtension.class)
class RequestObservationIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SECRET_VALUE = "canary-observed-value-58c1d7e3a9";

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;
  @Autowired SdkTracerProvider tracerProvider;
  @Autowired ExportedSpans exported;
  @Autowired TestClients clients;
  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(port);
  }

  @Test
  void apiCallIsTimedUnderHttpServerRequestsWithOnlyLowCardinalityTags() {
    Response response = api.get("/api/v1/tenants").bearer(api.adminToken()).send();
    assertThat(response.status()).isEqualTo(200);

    Timer timer =
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    meters
                        .find("http.server.requests")
                        .tags("method", "GET", "uri", "/api/v1/tenants", "status", "200")
                        .tags("outcome", "SUCCESS", "exception", "none")
                        .timer(),
                found -> found != null && found.count() > 0);
    assertThat(timer.getId().getTags().stream().map(Tag::getKey))
        .containsExactlyInAnyOrder("method", "uri", "status", "outcome", "exception", "error");
    assertThat(scrape())
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*"
                + "uri=\"/api/v1/tenants\"[^}]*\\} [1-9]");
  }

  @Test
  void inFlightApiRequestsAreAGaugeNotALongTaskTimerPerRequest() {
    api.get("/api/v1/tenants").bearer(api.adminToken()).send();

    assertThat(meters.find("http.server.requests.active").meters()).isEmpty();
    assertThat(meters.get("bulwark.http.api.requests.active").gauge().value()).isNotNegative();
    assertThat(meters.get("bulwark.http.api.requests.queued").gauge().value()).isZero();
  }

  @Test
  void sampledTraceparentIsContinuedInARecordedServerSpan(CapturedOutput output) {
    String traceId = randomHex(16);
    String parentId = randomHex(8);

    Response response =
        api.get("/api/v1/tenants")
            .bearer(api.adminToken())
            .header("traceparent", "00-" + traceId + "-" + parentId + "-01")
            .send();

    assertThat(response.header("X-Correlation-Id")).isEqualTo(traceId);
    SpanData span =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> serverSpan(traceId), Optional::isPresent)
            .orElseThrow();
    assertThat(span.getParentSpanId()).isEqualTo(parentId);
    assertThat(span.getSpanContext().isSampled()).isTrue();
    JsonNode line = requestLine(output, traceId);
    assertThat(line.get("traceId").asString()).isEqualTo(traceId);
    assertThat(line.get("spanId").asString()).isEqualTo(span.getSpanId());
  }

  @Test
  void unsampledTraceparentKeepsItsTraceIdInTheLogButRecordsNoSpan(CapturedOutput output) {
    String traceId = randomHex(16);

    api.get("/api/v1/tenants")
        .bearer(api.adminToken())
        .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-00")
        .send();

    JsonNode line = requestLine(output, traceId);
    assertThat(line.get("traceId").asString()).isEqualTo(traceId);
    assertThat(line.get("spanId").asString()).matches("[0-9a-f]{16}");
    assertThat(serverSpan(traceId)).isEmpty();
  }

  @Test
  void requestWithoutIdsIsCorrelatedByItsTraceIdAndNotRecordedAtSamplingZero(
      CapturedOutput output) {
    Response response = api.get("/api/v1/tenants").bearer(api.adminToken()).send();

    String correlationId = response.header("X-Correlation-Id");
    assertThat(correlationId).matches("[0-9a-f]{32}");
    assertThat(requestLine(output, correlationId).get("traceId").asString())
        .isEqualTo(correlationId);
    assertThat(serverSpan(correlationId)).isEmpty();
  }

  @Test
  void secretValueReachesNeitherSpansNorMetrics() {
    var acme = TestTenants.acme();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    clients.register(
        TenantId.parse(created.json().get("id").asString()),
        "vault",
        "vault-secret-1",
        "tenant-admin",
        "secrets-reader");
    String token = api.token(acme.slug(), "vault", "vault-secret-1");
    String path = "/api/v1/tenants/" + acme.slug() + "/secrets/payments/api-key";
    String traceId = randomHex(16);
    String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";

    Response written =
        api.request("PUT", path)
            .bearer(token)
            .header("traceparent", traceparent)
            .json("{\"value\": \"" + SECRET_VALUE + "\"}")
            .send();
    Response read = api.get(path).bearer(token).header("traceparent", traceparent).send();

    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    assertThat(read.body()).contains(SECRET_VALUE);
    List<SpanData> spans =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> spansOf(traceId), found -> found.size() >= 2);
    assertThat(spans).allSatisfy(span -> assertThat(span.toString()).doesNotContain(SECRET_VALUE));
    assertThat(scrape()).doesNotContain(SECRET_VALUE);
    assertThat(meters.getMeters().stream().map(Meter::getId).map(Object::toString))
        .noneMatch(id -> id.contains(SECRET_VALUE));
  }

  private String scrape() {
    Response metrics = api.get("/actuator/prometheus").bearer(api.adminToken()).send();
    assertThat(metrics.status()).isEqualTo(200);
    return metrics.body();
  }

  private Optional<SpanData> serverSpan(String traceId) {
    return spansOf(traceId).stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst();
  }

  private List<SpanData> spansOf(String traceId) {
    tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
    return exported.spans.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    random[0] |= 1;
    return HexFormat.of().formatHex(random);
  }

  /** The request line is written as the filter chain unwinds; wait for it briefly. */
  private static JsonNode requestLine(CapturedOutput output, String correlationId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                output
                    .getOut()
                    .lines()
                    .filter(line -> line.contains("\"io.bulwark.http\""))
                    .map(JSON::readTree)
                    .filter(
                        node -> correlationId.equals(node.path("correlation_id").asString(null)))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** Every span the SDK exports, kept in memory; Spring Boot hands it to its batch processor. */
  static final class ExportedSpans implements SpanExporter {

    final Collection<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
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

  @TestConfiguration(proxyBeanMethods = false)
  static class SpanCollection {

    @Bean
    ExportedSpans exportedSpans() {
      return new ExportedSpans();
    }
  }
}
