package io.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BulwarkIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(port);
  }

  @Test
  void healthProbesAnswerWithoutAToken() {
    Response liveness = api.get("/actuator/health/liveness").send();
    Response readiness = api.get("/actuator/health/readiness").send();

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void metricsNeedAPlatformAdministrator() {
    assertThat(api.get("/actuator/prometheus").send().status()).isEqualTo(401);

    Response metrics = api.get("/actuator/prometheus").bearer(api.adminToken()).send();

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests");
  }

  @Test
  void givenCorrelationIdIsEchoedAndLoggedOnTheRequestLine(CapturedOutput output) {
    Response response =
        api.get("/api/v1/tenants").header("X-Correlation-Id", "order-flow-4711").send();

    assertThat(response.header("X-Correlation-Id")).isEqualTo("order-flow-4711");
    JsonNode line = requestLine(output, "order-flow-4711");
    assertThat(line.get("http_method").asString()).isEqualTo("GET");
    assertThat(line.get("http_path").asString()).isEqualTo("/api/v1/tenants");
    assertThat(line.get("http_status").asInt()).isEqualTo(401);
    assertThat(line.has("duration_ms")).isTrue();
    assertThat(line.get("traceId").asString()).hasSize(32);
  }

  @Test
  void traceparentSuppliesTheCorrelationIdWhenNoneIsGiven(CapturedOutput output) {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    Response response =
        api.get("/actuator/health/liveness")
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .send();

    assertThat(response.header("X-Correlation-Id")).isEqualTo(traceId);
    assertThat(requestLine(output, traceId).get("traceId").asString()).isEqualTo(traceId);
  }

  @Test
  void malformedCorrelationIdIsReplacedByTheTraceIdNotEchoed() {
    Response response =
        api.get("/actuator/health/liveness").header("X-Correlation-Id", "bad id\"{}").send();

    assertThat(response.header("X-Correlation-Id")).matches("[0-9a-f]{32}");
  }

  @Test
  void everyLogLineIsOneJsonObject(CapturedOutput output) {
    api.get("/api/v1/tenants").bearer(api.adminToken()).send();

    List<String> lines = output.getOut().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines).isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).isTrue());
  }

  /**
   * The request line is written when the filter chain unwinds, which may be after the client has
   * read the response; wait for it briefly.
   */
  private static JsonNode requestLine(CapturedOutput output, String correlationId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> findRequestLine(output, correlationId), java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static java.util.Optional<JsonNode> findRequestLine(
      CapturedOutput output, String correlationId) {
    return output
        .getOut()
        .lines()
        .filter(line -> line.contains("\"io.bulwark.http\""))
        .map(JSON::readTree)
        .filter(node -> correlationId.equals(node.path("correlation_id").asString(null)))
        .findFirst();
  }
}
