package io.bulwark.redact.logback;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with sensitive values redacted by {@link LogRedactor#defaults()}:
 *
 * <pre>{@code
 * <conversionRule conversionWord="msg"
 *     converterClass="io.bulwark.redact.logback.RedactingMessageConverter"/>
 * }</pre>
 */
public final class RedactingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return LogRedactor.defaults().redact(super.convert(event));
  }
}
