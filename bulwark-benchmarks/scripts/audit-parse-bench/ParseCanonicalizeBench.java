import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Parse + validate + canonicalize of the batched benchmark's 1,000-event bodies, in one thread,
 * against whichever bulwark-server build is on the class path (the tree-based path of before the
 * streaming parser, or the streaming one): the server-side request work of batched ingestion
 * without HTTP, security and SQL. Reaches the package-private classes by reflection, so the same
 * file measures both builds. Prints thread CPU time and wall time per event, median of the rounds.
 * Usage: java -cp <classes and libs> ParseCanonicalizeBench.java [rounds=40] [warm-up rounds=40]
 */
public class ParseCanonicalizeBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Class<?> canonicalizer = Class.forName("io.bulwark.ledger.jcs.Rfc8785Canonicalizer");
    Object strict = canonicalizer.getMethod("strictMapper").invoke(null);
    Class<?> web = Class.forName("io.bulwark.audit.web.AuditEventJson");
    Method batch = null;
    boolean streaming = false;
    for (Method m : web.getDeclaredMethods()) {
      if (m.getName().equals("batch")) {
        batch = m;
        streaming = m.getParameterCount() == 2;
      }
    }
    batch.setAccessible(true);
    Method readTree = strict.getClass().getMethod("readTree", byte[].class);
    Class<?> entry = Class.forName("io.bulwark.audit.internal.AuditEntryJson");
    Class<?> hasherType = Class.forName("io.bulwark.audit.internal.SensitiveFieldHasher");
    Class<?> keyType = Class.forName("io.bulwark.audit.internal.AuditHmacKey");
    Class<?> eventType = Class.forName("io.bulwark.audit.AuditEvent");
    Method canonical =
        entry.getDeclaredMethod("canonical", eventType, UUID.class, Instant.class, hasherType);
    canonical.setAccessible(true);
    Method keyOf = keyType.getDeclaredMethod("of", byte[].class);
    keyOf.setAccessible(true);
    Object key = keyOf.invoke(null, (Object) filled(32));
    Constructor<?> hasherNew = hasherType.getDeclaredConstructor(Supplier.class);
    hasherNew.setAccessible(true);
    Method eventId = eventType.getMethod("id");

    byte[][] bodies = new byte[8][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = EventText.batch(new SplittableRandom(i), 1000).getBytes(StandardCharsets.UTF_8);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpu = new long[rounds];
    long[] wall = new long[rounds];
    long sink = 0;
    for (int round = -warmup; round < rounds; round++) {
      byte[] body = bodies[Math.floorMod(round, bodies.length)];
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      Object parsed =
          streaming ? batch.invoke(null, body, strict) : batch.invoke(null, readTree.invoke(strict, body));
      Object hasher = hasherNew.newInstance((Supplier<Object>) () -> key);
      Instant recordedAt = Instant.now();
      for (Object event : (List<?>) parsed) {
        byte[] bytes = (byte[]) canonical.invoke(null, event, eventId.invoke(event), recordedAt, hasher);
        sink += bytes.length;
      }
      long w1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      if (round >= 0) {
        cpu[round] = c1 - c0;
        wall[round] = w1 - w0;
      }
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    System.out.printf(
        Locale.ROOT,
        "%s path: %.1f µs CPU per event (median of %d rounds of 1,000; p10 %.1f, p90 %.1f), %.1f µs wall; %d bytes%n",
        streaming ? "streaming" : "tree",
        cpu[rounds / 2] / 1000.0 / 1000,
        rounds,
        cpu[rounds / 10] / 1000.0 / 1000,
        cpu[rounds * 9 / 10] / 1000.0 / 1000,
        wall[rounds / 2] / 1000.0 / 1000,
        sink);
  }

  private static byte[] filled(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 5);
    return bytes;
  }

  /** The batched benchmark's events (AuditIngestLoad.EventText), same members and sizes. */
  static final class EventText {
    private static final String[] ACTIONS = {
      "customer_record.read", "customer_record.update", "document.download", "secret.read",
      "user.login", "report.export", "consent.update", "role.grant"
    };
    private static final String[] CATEGORIES = {
      "data_access", "data_access", "data_access", "data_access",
      "authentication", "data_access", "privacy", "authorization"
    };
    private static final String[] CLASSIFICATIONS = {
      "customer_sensitive", "customer_non_sensitive", "internal", "customer_highly_sensitive"
    };
    private static final String[] AGENTS = {
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
      "billing-service/4.12.0 (+https://billing.internal)"
    };

    static String batch(SplittableRandom random, int size) {
      StringBuilder out = new StringBuilder(600 * size);
      out.append("{\"events\":[");
      String now = Instant.now().toString();
      for (int i = 0; i < size; i++) {
        if (i > 0) {
          out.append(',');
        }
        int kind = random.nextInt(ACTIONS.length);
        int user = random.nextInt(50_000);
        out.append("{\"id\":\"")
            .append(new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L))
            .append("\",\"occurred_at\":\"").append(now)
            .append("\",\"category\":\"").append(CATEGORIES[kind])
            .append("\",\"action\":\"").append(ACTIONS[kind])
            .append("\",\"outcome\":\"").append(random.nextInt(20) == 0 ? "denied" : "success")
            .append("\",\"actor\":{\"type\":\"user\",\"id\":\"usr_").append(user)
            .append("\",\"display\":\"Support agent ").append(user)
            .append("\",\"ip\":\"10.").append(random.nextInt(256)).append('.')
            .append(random.nextInt(256)).append('.').append(random.nextInt(1, 255))
            .append("\",\"user_agent\":\"").append(AGENTS[random.nextInt(AGENTS.length)])
            .append("\"},\"resource\":{\"type\":\"customer_record\",\"id\":\"cus_")
            .append(random.nextInt(1_000_000))
            .append("\"},\"purpose\":\"support_ticket\",\"classification\":\"")
            .append(CLASSIFICATIONS[random.nextInt(CLASSIFICATIONS.length)])
            .append("\",\"correlation_id\":\"req-").append(Long.toHexString(random.nextLong()))
            .append("\",\"trace_id\":\"")
            .append(String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong()))
            .append("\",\"details\":{\"fields\":[\"email\",\"phone\",\"address\"],\"ticket\":")
            .append(random.nextInt(1_000_000))
            .append(",\"rows\":1}}");
      }
      return out.append("]}").toString();
    }
  }
}
