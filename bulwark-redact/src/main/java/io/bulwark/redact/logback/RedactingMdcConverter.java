package io.bulwark.redact.logback;

import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %mdc} / {@code %X} with sensitive values redacted:
 *
 * <pre>{@code
 * <conversionRule conversionWord="X"
 *     converterClass="io.bulwark.redact.logback.RedactingMdcConverter"/>
 * }</pre>
 */
public final class RedactingMdcConverter extends MDCConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return LogRedactor.defaults().redact(super.convert(event));
  }
}
