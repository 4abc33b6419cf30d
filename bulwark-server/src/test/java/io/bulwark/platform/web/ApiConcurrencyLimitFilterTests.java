package io.bulwark.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.platform.problem.ProblemResponseWriter;
import io.bulwark.platform.problem.ProblemType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ApiConcurrencyLimitFilterTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger served = new AtomicInteger();

  @AfterEach
  void releaseHeldRequests() {
    release.countDown();
  }

  @Test
  void requestOverTheLimitWhenNoSlotFreesInTimeThenServiceUnavailableWithRetryAfter()
      throws Exception {
    ApiConcurrencyLimitFilter filter = filter(1, Duration.ofMillis(50));
    CompletableFuture<MockHttpServletResponse> held = holdOneRequest(filter);

    MockHttpServletResponse shed = send(filter, "/api/v1/tenants", countingChain());

    assertThat(shed.getStatus()).isEqualTo(503);
    assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
    assertThat(shed.getContentType()).isEqualTo("application/problem+json");
    assertThat(JSON.readTree(shed.getContentAsByteArray()).get("type").asString())
        .isEqualTo(ProblemType.SERVER_OVERLOADED.uri().toString());
    assertThat(served).hasValue(0);
    release.countDown();
    assertThat(held.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
  }

  @Test
  void requestWaitingForASlotWhenOneFreesInTimeThenServed() throws Exception {
    ApiConcurrencyLimitFilter filter = filter(1, Duration.ofSeconds(10));
    CompletableFuture<MockHttpServletResponse> held = holdOneRequest(filter);

    CompletableFuture<MockHttpServletResponse> queued =
        CompletableFuture.supplyAsync(() -> send(filter, "/api/v1/tenants", countingChain()));
    Thread.sleep(100);
    assertThat(queued).isNotDone();
    release.countDown();

    assertThat(queued.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(held.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(served).hasValue(1);
  }

  @Test
  void gaugesCountTheRequestsBeingServedAndWaiting() throws Exception {
    ApiConcurrencyLimitFilter filter = filter(1, Duration.ofSeconds(10));
    var registry = new SimpleMeterRegistry();
    filter.bindTo(registry);
    CompletableFuture<MockHttpServletResponse> held = holdOneRequest(filter);
    // its own thread: the common pool may have just one, held by the request above
    CompletableFuture<MockHttpServletResponse> queued = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> queued.complete(send(filter, "/api/v1/tenants", countingChain())));
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> registry.get("bulwark.http.api.requests.queued").gauge().value() == 1);

    assertThat(registry.get("bulwark.http.api.requests.active").gauge().value()).isEqualTo(1);
    release.countDown();
    queued.get(5, TimeUnit.SECONDS);
    held.get(5, TimeUnit.SECONDS);
    assertThat(registry.get("bulwark.http.api.requests.active").gauge().value()).isZero();
  }

  @Test
  void requestFindingTheQueueFullIsShedAtOnce() throws Exception {
    ApiConcurrencyLimitFilter filter = filter(1, Duration.ofSeconds(30), 1);
    CompletableFuture<MockHttpServletResponse> held = holdOneRequest(filter);
    CompletableFuture<MockHttpServletResponse> waiting = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> waiting.complete(send(filter, "/api/v1/tenants", countingChain())));
    var registry = new SimpleMeterRegistry();
    filter.bindTo(registry);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> registry.get("bulwark.http.api.requests.queued").gauge().value() == 1);

    long started = System.nanoTime();
    MockHttpServletResponse shed = send(filter, "/api/v1/tenants", countingChain());

    assertThat(shed.getStatus()).isEqualTo(503);
    assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
    assertThat(JSON.readTree(shed.getContentAsByteArray()).get("type").asString())
        .isEqualTo(ProblemType.SERVER_OVERLOADED.uri().toString());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    release.countDown();
    assertThat(waiting.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(held.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    assertThat(served).hasValue(1);
    assertThat(registry.get("bulwark.http.api.requests.queued").gauge().value()).isZero();
  }

  @Test
  void slotIsGivenBackWhenTheRequestFails() throws Exception {
    ApiConcurrencyLimitFilter filter = filter(1, Duration.ZERO);
    FilterChain failing =
        (request, response) -> {
          throw new IllegalStateException("handler failed");
        };
    assertThatThrownBy(() -> filter.doFilter(request("/api/v1/tenants"), response(), failing))
        .isInstanceOf(IllegalStateException.class);

    assertThat(send(filter, "/api/v1/tenants", countingChain()).getStatus()).isEqualTo(200);
  }

  @Test
  void requestsOutsideTheApiAreNotLimited() throws Exception {
    ApiConcurrencyLimitFilter filter = filter(1, Duration.ZERO);
    CompletableFuture<MockHttpServletResponse> held = holdOneRequest(filter);

    assertThat(send(filter, "/actuator/health/readiness", countingChain()).getStatus())
        .isEqualTo(200);
    assertThat(send(filter, "/t/acme/oauth2/token", countingChain()).getStatus()).isEqualTo(200);
    assertThat(send(filter, "/api/v1/tenants", countingChain()).getStatus()).isEqualTo(503);
    release.countDown();
    held.get(5, TimeUnit.SECONDS);
  }

  @Test
  void negativeQueueIsRefusedAtStartup() {
    assertThatThrownBy(() -> filter(1, Duration.ZERO, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BULWARK_API_MAX_QUEUED");
  }

  @Test
  void limitBelowOneIsRefusedAtStartup() {
    assertThatThrownBy(() -> filter(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BULWARK_API_MAX_CONCURRENCY");
  }

  private static ApiConcurrencyLimitFilter filter(int maxConcurrent, Duration queueTimeout) {
    return filter(maxConcurrent, queueTimeout, 128);
  }

  private static ApiConcurrencyLimitFilter filter(
      int maxConcurrent, Duration queueTimeout, int maxQueued) {
    return new ApiConcurrencyLimitFilter(
        maxConcurrent, queueTimeout, maxQueued, new ProblemResponseWriter(JSON));
  }

  private CompletableFuture<MockHttpServletResponse> holdOneRequest(
      ApiConcurrencyLimitFilter filter) throws InterruptedException {
    FilterChain blocking =
        (request, response) -> {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    CompletableFuture<MockHttpServletResponse> held =
        CompletableFuture.supplyAsync(
            () -> send(filter, "/api/v1/tenants/acme/secrets/a", blocking));
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    return held;
  }

  private FilterChain countingChain() {
    return (request, response) -> served.incrementAndGet();
  }

  private static MockHttpServletResponse send(
      ApiConcurrencyLimitFilter filter, String path, FilterChain chain) {
    MockHttpServletResponse response = response();
    try {
      filter.doFilter(request(path), response, chain);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return response;
  }

  private static MockHttpServletRequest request(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setRequestURI(path);
    return request;
  }

  private static MockHttpServletResponse response() {
    return new MockHttpServletResponse();
  }
}
