package io.bulwark.redact.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class LogRedactorTests {

  private final LoggerContext context = new LoggerContext();
  private final Logger logger;

  LogRedactorTests() {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    logger = context.getLogger("test");
  }

  private LoggingEvent event(String template, Object[] args, Throwable error) {
    LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, template, error, args);
    return event;
  }

  private PatternLayout layout(String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("msg", RedactingMessageConverter::new);
    layout.getInstanceConverterMap().put("X", RedactingMdcConverter::new);
    layout.getInstanceConverterMap().put("ex", RedactingThrowableProxyConverter::new);
    layout.setPattern(pattern);
    layout.start();
    return layout;
  }

  @Test
  void patternLayoutRedactsMessageMdcAndException() {
    LoggingEvent event =
        event(
            "user {} paid with {}",
            new Object[] {"bob@example.com", "4111 1111 1111 1111"},
            new IllegalStateException("token=abc123XYZ rejected"));
    event.setMDCPropertyMap(Map.of("client_ip", "10.1.2.3"));
    String line = layout("%msg|%X{client_ip}|%ex{0}").doLayout(event);
    assertThat(line)
        .startsWith("user [REDACTED:EMAIL] paid with [REDACTED:CREDIT_CARD]|[REDACTED:IP_ADDRESS]|")
        .contains("IllegalStateException: token=[REDACTED:PASSWORD] rejected")
        .doesNotContain("bob@example.com")
        .doesNotContain("abc123XYZ");
  }

  @Test
  void cleanEventIsReturnedItself() {
    LoggingEvent event = event("started in {} ms", new Object[] {42}, null);
    assertThat(LogRedactor.defaults().redact(event)).isSameAs(event);
  }

  @Test
  void redactedEventCarriesNoSensitiveValueInAnyField() {
    LoggingEvent event =
        event(
            "login {}",
            new Object[] {"password=hunter2"},
            new RuntimeException(
                "outer bob@example.com", new RuntimeException("inner 078-05-1120")));
    event.setMDCPropertyMap(Map.of("user", "carol@example.com", "trace", "abc"));
    event.addKeyValuePair(new KeyValuePair("card", "5555 5555 5555 4444"));
    ILoggingEvent safe = LogRedactor.defaults().redact(event);

    assertThat(safe.getFormattedMessage()).isEqualTo("login password=[REDACTED:PASSWORD]");
    assertThat(safe.getMessage()).doesNotContain("hunter2");
    assertThat(safe.getMDCPropertyMap())
        .containsEntry("user", "[REDACTED:EMAIL]")
        .containsEntry("trace", "abc");
    assertThat(safe.getKeyValuePairs())
        .extracting(p -> p.value)
        .containsExactly("[REDACTED:CREDIT_CARD]");
    String trace = ThrowableProxyUtil.asString(safe.getThrowableProxy());
    assertThat(trace)
        .contains("outer [REDACTED:EMAIL]")
        .contains("inner [REDACTED:US_SSN]")
        .doesNotContain("bob@example.com")
        .doesNotContain("078-05-1120");
    assertThat(safe.getLevel()).isEqualTo(Level.INFO);
    assertThat(safe.getLoggerName()).isEqualTo("test");
  }

  @Test
  void argumentsAndMdcAreOnlyCopiedWhenSomethingChanges() {
    LogRedactor logs = LogRedactor.defaults();
    Object[] clean = {"ok", 1};
    Map<String, String> mdc = Map.of("a", "b");
    assertThat(logs.arguments(clean)).isSameAs(clean);
    assertThat(logs.mdc(mdc)).isSameAs(mdc);
    assertThat(logs.arguments(new Object[] {"bob@example.com", 7}))
        .containsExactly("[REDACTED:EMAIL]", 7);
    List<KeyValuePair> pairs = List.of(new KeyValuePair("n", 5));
    assertThat(logs.keyValuePairs(pairs)).isSameAs(pairs);
  }

  @Test
  void throwableWithoutSensitiveMessagesIsKept() {
    ThrowableProxy proxy = new ThrowableProxy(new RuntimeException("timeout after 30s"));
    assertThat(LogRedactor.defaults().throwable(proxy)).isSameAs(proxy);
  }
}
