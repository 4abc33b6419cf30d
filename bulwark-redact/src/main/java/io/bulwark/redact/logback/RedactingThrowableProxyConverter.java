package io.bulwark.redact.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %ex} with exception messages (of causes and suppressed too) redacted; stack frames are
 * kept:
 *
 * <pre>{@code
 * <conversionRule conversionWord="ex"
 *     converterClass="io.bulwark.redact.logback.RedactingThrowableProxyConverter"/>
 * }</pre>
 */
public final class RedactingThrowableProxyConverter extends ThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return super.throwableProxyToString(LogRedactor.defaults().throwable(proxy));
  }
}
