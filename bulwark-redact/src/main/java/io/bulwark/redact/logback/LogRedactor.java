package io.bulwark.redact.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.bulwark.redact.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Redacts the parts of a Logback event that may carry sensitive data: the formatted message, the
 * arguments, MDC values, key-value pairs and throwable messages (causes and suppressed included).
 * Every method returns its input unchanged, as the same instance, when nothing is found.
 *
 * <pre>{@code
 * LogRedactor logs = LogRedactor.defaults();
 * String message = logs.message(event);          // per field, for a structured formatter
 * ILoggingEvent safe = logs.redact(event);       // or the whole event, for any encoder
 * }</pre>
 */
public final class LogRedactor {

  private static final LogRedactor DEFAULTS = new LogRedactor(Redactor.defaults());

  private final Redactor redactor;

  /** Uses {@code redactor} for every field. */
  public LogRedactor(Redactor redactor) {
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /** Backed by {@link Redactor#defaults()}. */
  public static LogRedactor defaults() {
    return DEFAULTS;
  }

  /** Redacts one string; cheap pass-through when clean. */
  public String redact(String text) {
    return redactor.redact(text);
  }

  /** The event's formatted message, redacted. */
  public String message(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    return message == null ? "" : redactor.redact(message);
  }

  /** Arguments as redacted strings (for formatters that log arguments separately). */
  public @Nullable Object @Nullable [] arguments(@Nullable Object @Nullable [] arguments) {
    if (arguments == null) {
      return null;
    }
    Object[] result = arguments;
    for (int i = 0; i < arguments.length; i++) {
      Object argument = arguments[i];
      if (argument == null || argument instanceof Number || argument instanceof Boolean) {
        continue;
      }
      String text = String.valueOf(argument);
      String redacted = redactor.redact(text);
      if (redacted != text) {
        if (result == arguments) {
          result = arguments.clone();
        }
        result[i] = redacted;
      }
    }
    return result;
  }

  /** MDC values redacted (keys are kept). */
  public Map<String, String> mdc(Map<String, String> mdc) {
    Map<String, String> result = mdc;
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      String value = entry.getValue();
      if (value == null) {
        continue;
      }
      String redacted = redactor.redact(value);
      if (redacted != value) {
        if (result == mdc) {
          result = new LinkedHashMap<>(mdc);
        }
        result.put(entry.getKey(), redacted);
      }
    }
    return result;
  }

  /** Key-value pairs with string values redacted. */
  public @Nullable List<KeyValuePair> keyValuePairs(@Nullable List<KeyValuePair> pairs) {
    if (pairs == null || pairs.isEmpty()) {
      return pairs;
    }
    List<KeyValuePair> result = pairs;
    for (int i = 0; i < pairs.size(); i++) {
      KeyValuePair pair = pairs.get(i);
      if (pair.value == null || pair.value instanceof Number || pair.value instanceof Boolean) {
        continue;
      }
      String text = String.valueOf(pair.value);
      String redacted = redactor.redact(text);
      if (redacted != text) {
        if (result == pairs) {
          result = new ArrayList<>(pairs);
        }
        result.set(i, new KeyValuePair(pair.key, redacted));
      }
    }
    return result;
  }

  /** A throwable proxy whose messages (and those of its causes and suppressed) are redacted. */
  public @Nullable IThrowableProxy throwable(@Nullable IThrowableProxy proxy) {
    if (proxy == null || isClean(proxy, 0)) {
      return proxy;
    }
    return new RedactedThrowableProxy(proxy, this, 0);
  }

  private boolean isClean(IThrowableProxy proxy, int depth) {
    if (depth > 16) {
      return true;
    }
    String message = proxy.getMessage();
    if (message != null && redactor.redact(message) != message) {
      return false;
    }
    if (proxy.getCause() != null && !isClean(proxy.getCause(), depth + 1)) {
      return false;
    }
    IThrowableProxy[] suppressed = proxy.getSuppressed();
    if (suppressed != null) {
      for (IThrowableProxy s : suppressed) {
        if (!isClean(s, depth + 1)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The event with message, arguments, MDC, key-value pairs and throwable redacted, or {@code
   * event} itself when none of them contained anything sensitive.
   */
  public ILoggingEvent redact(ILoggingEvent event) {
    String formatted = event.getFormattedMessage();
    String message = formatted == null ? null : redactor.redact(formatted);
    Map<String, String> mdc = mdc(event.getMDCPropertyMap());
    List<KeyValuePair> pairs = keyValuePairs(event.getKeyValuePairs());
    IThrowableProxy throwable = throwable(event.getThrowableProxy());
    if (message == formatted
        && mdc == event.getMDCPropertyMap()
        && pairs == event.getKeyValuePairs()
        && throwable == event.getThrowableProxy()) {
      return event;
    }
    return new RedactedLoggingEvent(
        event, message, arguments(event.getArgumentArray()), mdc, pairs, throwable);
  }

  /** A read-only view of an event with redacted fields; everything else delegates. */
  private record RedactedLoggingEvent(
      ILoggingEvent delegate,
      @Nullable String formattedMessage,
      @Nullable Object @Nullable [] arguments,
      Map<String, String> mdc,
      @Nullable List<KeyValuePair> pairs,
      @Nullable IThrowableProxy throwable)
      implements ILoggingEvent {

    @Override
    public String getThreadName() {
      return delegate.getThreadName();
    }

    @Override
    public Level getLevel() {
      return delegate.getLevel();
    }

    @Override
    public String getMessage() {
      // the raw template could hold literal secrets; the redacted rendering stands in for it
      return formattedMessage;
    }

    @Override
    public Object[] getArgumentArray() {
      return null;
    }

    @Override
    public String getFormattedMessage() {
      return formattedMessage;
    }

    @Override
    public String getLoggerName() {
      return delegate.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
      return delegate.getLoggerContextVO();
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
      return throwable;
    }

    @Override
    public StackTraceElement[] getCallerData() {
      return delegate.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
      return delegate.hasCallerData();
    }

    @Override
    public List<Marker> getMarkerList() {
      return delegate.getMarkerList();
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
      return mdc;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
      return mdc;
    }

    @Override
    public long getTimeStamp() {
      return delegate.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
      return delegate.getNanoseconds();
    }

    @Override
    public long getSequenceNumber() {
      return delegate.getSequenceNumber();
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
      return pairs;
    }

    @Override
    public void prepareForDeferredProcessing() {
      delegate.prepareForDeferredProcessing();
    }

    @Override
    public String toString() {
      return "[" + getLevel() + "] " + formattedMessage;
    }
  }

  private static final class RedactedThrowableProxy implements IThrowableProxy {
    private final IThrowableProxy delegate;
    private final LogRedactor redactor;
    private final @Nullable String message;
    private final @Nullable IThrowableProxy cause;
    private final IThrowableProxy @Nullable [] suppressed;

    RedactedThrowableProxy(IThrowableProxy delegate, LogRedactor redactor, int depth) {
      this.delegate = delegate;
      this.redactor = redactor;
      String original = delegate.getMessage();
      this.message = original == null ? null : redactor.redact(original);
      IThrowableProxy originalCause = delegate.getCause();
      this.cause =
          originalCause == null || depth > 16
              ? originalCause
              : new RedactedThrowableProxy(originalCause, redactor, depth + 1);
      IThrowableProxy[] originalSuppressed = delegate.getSuppressed();
      if (originalSuppressed == null || depth > 16) {
        this.suppressed = originalSuppressed;
      } else {
        this.suppressed = new IThrowableProxy[originalSuppressed.length];
        for (int i = 0; i < originalSuppressed.length; i++) {
          suppressed[i] = new RedactedThrowableProxy(originalSuppressed[i], redactor, depth + 1);
        }
      }
    }

    @Override
    public String getMessage() {
      return message;
    }

    @Override
    public String getOverridingMessage() {
      String overriding = delegate.getOverridingMessage();
      return overriding == null ? null : redactor.redact(overriding);
    }

    @Override
    public String getClassName() {
      return delegate.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return delegate.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return delegate.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return cause;
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      return suppressed;
    }

    @Override
    public boolean isCyclic() {
      return delegate.isCyclic();
    }
  }
}
