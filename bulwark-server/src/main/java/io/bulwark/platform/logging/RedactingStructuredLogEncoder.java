package io.bulwark.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.bulwark.redact.logback.LogRedactor;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Spring Boot's structured JSON encoder with every event passed through the redaction engine first:
 * message, arguments, MDC values, key-value pairs and exception messages. A clean event passes
 * through untouched. Configured in {@code logback-spring.xml} for all of the server's logs.
 */
public final class RedactingStructuredLogEncoder extends StructuredLogEncoder {

  private final LogRedactor redactor = LogRedactor.defaults();

  @Override
  public byte[] encode(ILoggingEvent event) {
    return super.encode(redactor.redact(event));
  }
}
