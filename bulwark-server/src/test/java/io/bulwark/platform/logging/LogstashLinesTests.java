package io.bulwark.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/** Lines byte for byte equal to Spring Boot's {@code logstash} format, faster to make. */
class LogstashLinesTests {

  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("io.bulwark.http");

  @Test
  void linesEqualSpringBootsLogstashFormat() {
    context.putObject(Environment.class.getName(), new StandardEnvironment());
    context.setMDCAdapter(new LogbackMDCAdapter());
    StructuredLogEncoder spring = encoder("logstash");
    StructuredLogEncoder ours = encoder(LogstashLines.class.getName());

    for (ILoggingEvent event : events()) {
      String expected = new String(spring.encode(event), StandardCharsets.UTF_8);
      assertThat(new String(ours.encode(event), StandardCharsets.UTF_8))
          .isEqualTo(expected)
          .endsWith("\n");
    }
  }

  private List<ILoggingEvent> events() {
    LoggingEvent plain = event(Level.INFO, "GET /api/v1/tenants/{slug}/secrets/{*path} 200", null);

    LoggingEvent pairs = event(Level.WARN, "Quotes \" backslash \\ tab \t newline \n é 😀", null);
    pairs.setMDCPropertyMap(Map.of("traceId", "0af7651916cd43dd8448eb211c80319c"));
    pairs.addKeyValuePair(new KeyValuePair("http_status", 200));
    pairs.addKeyValuePair(new KeyValuePair("duration_ms", 16.884));
    pairs.addKeyValuePair(new KeyValuePair("tenant", "bench-9a70f6de"));
    pairs.addKeyValuePair(new KeyValuePair("nothing", null));

    LoggingEvent marked = event(Level.ERROR, "failed", new IllegalStateException("boom"));
    Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
    audit.add(MarkerFactory.getDetachedMarker("SECURITY"));
    marked.addMarker(audit);
    marked.addMarker(MarkerFactory.getDetachedMarker("SECURITY"));

    return List.of(plain, pairs, marked);
  }

  private LoggingEvent event(Level level, String message, Throwable thrown) {
    LoggingEvent event =
        new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, null);
    event.setThreadName("tomcat-handler-23894");
    event.setInstant(Instant.parse("2026-12-03T10:37:51.775964164Z"));
    return event;
  }

  private StructuredLogEncoder encoder(String format) {
    StructuredLogEncoder encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat(format);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    return encoder;
  }
}
