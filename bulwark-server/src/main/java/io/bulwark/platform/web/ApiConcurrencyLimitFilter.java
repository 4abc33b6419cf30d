package io.bulwark.platform.web;

import io.bulwark.platform.problem.ProblemResponseWriter;
import io.bulwark.platform.problem.ProblemType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds how many JSON API requests ({@code /api/**}) run at once ({@code
 * BULWARK_API_MAX_CONCURRENCY}). A request over the bound waits, first come first served, for up to
 * {@code BULWARK_API_QUEUE_TIMEOUT} if fewer than {@code BULWARK_API_MAX_QUEUED} are waiting; if no
 * slot frees up by then, or the queue is full, it is answered 503 {@code server-overloaded} with
 * {@code Retry-After}, before its token is decoded or a database connection is asked for.
 *
 * <p>Virtual threads make a request cheap to accept, not cheap to serve: without a bound, overload
 * turns into hundreds of requests queued on the connection pool until they time out, and throughput
 * falls. Shedding at the edge keeps the admitted requests fast. The queue is bounded too: with
 * thousands of requests waiting (an open-loop load at twice the capacity), their parked threads'
 * stacks made every young collection copy them (pauses of 0.1–0.7 s) and the fair semaphore spent 5
 * % of the CPU unlinking the waiters that timed out, so the server answered a fraction of what it
 * could serve.
 *
 * <p>Publishes the gauges {@code bulwark.http.api.requests.active} (slots taken) and {@code
 * bulwark.http.api.requests.queued} (requests waiting for one), read when scraped.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public final class ApiConcurrencyLimitFilter extends OncePerRequestFilter implements MeterBinder {

  static final String API_PREFIX = "/api/";
  static final String RETRY_AFTER_SECONDS = "1";

  private final int maxConcurrent;
  private final Semaphore slots;
  private final long queueTimeoutNanos;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();
  private final ProblemResponseWriter problems;

  ApiConcurrencyLimitFilter(
      @Value("${bulwark.http.max-concurrent-api-requests}") int maxConcurrent,
      @Value("${bulwark.http.api-queue-timeout}") Duration queueTimeout,
      @Value("${bulwark.http.max-queued-api-requests}") int maxQueued,
      ProblemResponseWriter problems) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "BULWARK_API_MAX_CONCURRENCY must be 1 or more, was " + maxConcurrent);
    }
    if (queueTimeout.isNegative()) {
      throw new IllegalArgumentException("BULWARK_API_QUEUE_TIMEOUT must not be negative");
    }
    if (maxQueued < 0) {
      throw new IllegalArgumentException(
          "BULWARK_API_MAX_QUEUED must not be negative, was " + maxQueued);
    }
    this.maxConcurrent = maxConcurrent;
    this.slots = new Semaphore(maxConcurrent, true);
    this.queueTimeoutNanos = queueTimeout.toNanos();
    this.maxQueued = maxQueued;
    this.problems = problems;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(
            "bulwark.http.api.requests.active", slots, s -> maxConcurrent - s.availablePermits())
        .description("API requests being served (BULWARK_API_MAX_CONCURRENCY bounds them)")
        .register(registry);
    Gauge.builder("bulwark.http.api.requests.queued", queued, AtomicInteger::get)
        .description("API requests waiting for a slot")
        .register(registry);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(API_PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!admitted()) {
      response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      problems.write(
          response,
          ProblemType.SERVER_OVERLOADED,
          "The server is at its limit of concurrent API requests; retry after the time in"
              + " Retry-After");
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      slots.release();
    }
  }

  /**
   * A free slot at once, in arrival order (a timed {@code tryAcquire} does not barge ahead of the
   * waiters), else a place in the queue if there is one.
   */
  private boolean admitted() {
    try {
      if (slots.tryAcquire(0, TimeUnit.NANOSECONDS)) {
        return true;
      }
      if (queued.incrementAndGet() > maxQueued) {
        queued.decrementAndGet();
        return false;
      }
      try {
        return slots.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS);
      } finally {
        queued.decrementAndGet();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
