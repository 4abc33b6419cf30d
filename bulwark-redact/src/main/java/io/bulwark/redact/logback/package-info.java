/**
 * Logback integration, usable by any service that logs through Logback (an optional dependency of
 * this module).
 *
 * <ul>
 *   <li>pattern layouts: {@link io.bulwark.redact.logback.RedactingMessageConverter}, {@link
 *       io.bulwark.redact.logback.RedactingMdcConverter} and {@link
 *       io.bulwark.redact.logback.RedactingThrowableProxyConverter} replace {@code %msg}, {@code
 *       %mdc} and {@code %ex} through {@code <conversionRule>};
 *   <li>structured (JSON) formatters: {@link io.bulwark.redact.logback.LogRedactor#redact(
 *       ch.qos.logback.classic.spi.ILoggingEvent)} returns an event whose message, arguments, MDC,
 *       key-value pairs and throwable messages are redacted, or the event itself when clean.
 * </ul>
 */
@NullMarked
package io.bulwark.redact.logback;

import org.jspecify.annotations.NullMarked;
