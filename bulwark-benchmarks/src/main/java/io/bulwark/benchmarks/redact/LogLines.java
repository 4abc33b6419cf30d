package io.bulwark.benchmarks.redact;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic application log lines: about 85% clean (requests, SQL, scheduler, JSON structured
 * lines, timestamps, ids, versions, counters) and 15% with a sensitive value (e-mail, phone, card,
 * IBAN, JWT, bearer token, password, URL credentials, API key, IP). Deterministic for a seed.
 */
public final class LogLines {

  private static final String[] CLEAN = {
    "%s INFO  [http-nio-8080-exec-%d] c.b.api.OrderController - GET /api/v1/tenants/acme/orders/%d completed status=200 duration=%dms",
    "%s DEBUG [main] org.hibernate.SQL - select o.id, o.status, o.total from orders o where o.tenant_id=? limit %d offset %d",
    "%s WARN  [scheduler-%d] i.b.retention.PurgeJob - purge batch took %d ms, %d rows remaining, next run in 30s",
    "{\"@timestamp\":\"%s\",\"level\":\"INFO\",\"logger\":\"io.bulwark.audit.Ingest\",\"message\":\"appended batch\",\"size\":%d,\"tree_size\":%d,\"latency_ms\":%d}",
    "%s INFO  [worker-%d] c.b.cache.Loader - cache refresh complete: hits=%d misses=%d evictions=0 version=3.2.1",
    "%s INFO  [http-nio-8080-exec-%d] o.s.web.servlet.DispatcherServlet - Completed initialization in %d ms request_id=7c9e6679-7425-40de-944b-e07fc1f90ae7 span=%d",
    "%s DEBUG [ForkJoinPool-%d] i.b.ledger.Checkpoint - signed checkpoint size=%d root=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 in %d us",
  };

  private static final String[] SENSITIVE = {
    "%s INFO  [http-nio-8080-exec-%d] c.b.users.UserService - created user alice.%d@example.com phone +1 415 555 %04d",
    "%s DEBUG [http-nio-8080-exec-%d] c.b.billing.PaymentClient - charging card 4111 1111 1111 1111 amount=%d.%02d EUR",
    "%s DEBUG [http-nio-8080-exec-%d] c.b.auth.TokenFilter - Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0TH%d user=%d ttl=%d",
    "%s ERROR [http-nio-8080-exec-%d] c.b.db.Pool - connection failed url=postgres://app:hunter%d@db.internal:5432/bulwark retry=%d in %dms",
    "%s INFO  [worker-%d] c.b.payout.Scheduler - payout to DE89 3704 0044 0532 0130 00 amount=%d.%02d",
    "{\"@timestamp\":\"%s\",\"level\":\"WARN\",\"message\":\"login failed\",\"client_ip\":\"203.0.113.%d\",\"password\":\"Summer%d!\",\"attempt\":%d}",
    "%s WARN  [main] c.b.config.Loader - using key AKIAIOSFODNN7EXAMPLE for bucket %d (region %d)",
  };

  private LogLines() {}

  /** Lines totalling at least {@code bytes} bytes (newlines included), ~15% sensitive. */
  public static List<String> generate(long seed, long bytes) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    long total = 0;
    while (total < bytes) {
      String line = next(random);
      lines.add(line);
      total += line.length() + 1;
    }
    return lines;
  }

  static String next(Random random) {
    String template =
        random.nextInt(100) < 15
            ? SENSITIVE[random.nextInt(SENSITIVE.length)]
            : CLEAN[random.nextInt(CLEAN.length)];
    String ts =
        String.format(
            "2024-01-%02dT%02d:%02d:%02d.%03dZ",
            1 + random.nextInt(28),
            random.nextInt(24),
            random.nextInt(60),
            random.nextInt(60),
            random.nextInt(1000));
    return String.format(
        template,
        ts,
        random.nextInt(200),
        random.nextInt(100000),
        random.nextInt(1000),
        random.nextInt(100));
  }

  /**
   * Writes a log file for the CLI end-to-end measurement: {@code LogLines <file> <MiB>}.
   *
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long target = Long.parseLong(args[1]) << 20;
    Random random = new Random(42);
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (written < target) {
        String line = next(random);
        out.write(line);
        out.write('\n');
        written += line.length() + 1;
      }
    }
  }
}
