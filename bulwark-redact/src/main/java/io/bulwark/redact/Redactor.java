package io.bulwark.redact;

import io.bulwark.redact.internal.Scanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Finds and masks sensitive values in text. Immutable and thread-safe; build one per configuration
 * and share it.
 *
 * <p>{@link #redact(String)} is the per-log-line entry point: one pass over the text, calling
 * detectors only at candidate positions, and it returns the very same {@code String} instance when
 * nothing is found, so clean lines cost a scan and no allocation of output.
 *
 * <pre>{@code
 * Redactor redactor = Redactor.defaults();
 * redactor.redact("card 4111 1111 1111 1111"); // "card [REDACTED:CREDIT_CARD]"
 *
 * Redactor custom = Redactor.builder()
 *     .strategy(DetectorTypes.CREDIT_CARD, MaskingStrategy.keepLast(4))
 *     .withoutTypes(List.of(DetectorTypes.IP_ADDRESS))
 *     .build();
 * }</pre>
 */
public final class Redactor implements UnaryOperator<String> {

  private static final class Defaults {
    static final Redactor INSTANCE = builder().build();
  }

  private final List<Detector> detectors;
  private final Scanner scanner;
  private final Set<String> types;
  private final double minConfidence;
  private final MaskingStrategy defaultStrategy;
  private final Map<String, MaskingStrategy> strategies;

  private Redactor(Builder builder, List<Detector> active, Set<String> types) {
    this.detectors = List.copyOf(active);
    this.scanner = new Scanner(detectors);
    this.types = Set.copyOf(types);
    this.minConfidence = builder.minConfidence;
    this.defaultStrategy = builder.defaultStrategy;
    this.strategies = Map.copyOf(builder.strategies);
  }

  /**
   * All built-in detectors, minimum confidence 0.5, {@code [REDACTED:<TYPE>]} masking. A shared
   * instance.
   */
  public static Redactor defaults() {
    return Defaults.INSTANCE;
  }

  /** A builder starting from the {@link #defaults() default} configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /** The types this redactor reports. */
  public Set<String> types() {
    return types;
  }

  /** The minimum confidence of a reported finding. */
  public double minConfidence() {
    return minConfidence;
  }

  /** The masking strategy applied to findings of {@code type}. */
  public MaskingStrategy strategyFor(String type) {
    return strategies.getOrDefault(type, defaultStrategy);
  }

  /**
   * Finds sensitive values in {@code text}: sorted by position, non-overlapping (overlapping
   * candidates merge into one finding of the more confident type), at or above the minimum
   * confidence.
   */
  public List<Finding> scan(CharSequence text) {
    Collector collector = new Collector();
    scanner.scan(text.toString(), collector);
    return collector.resolve();
  }

  /** Whether {@code text} contains anything this redactor would mask. */
  public boolean containsSensitiveData(CharSequence text) {
    return !scan(text).isEmpty();
  }

  /**
   * Masks every finding in {@code text}. Returns {@code text} itself when nothing is found.
   *
   * @see #scan(CharSequence)
   */
  public String redact(String text) {
    Collector collector = new Collector();
    scanner.scan(text, collector);
    if (collector.size == 0) {
      return text;
    }
    return mask(text, collector.resolve());
  }

  /** Same as {@link #redact(String)}, so a redactor can be passed as a {@code UnaryOperator}. */
  @Override
  public String apply(String text) {
    return redact(text);
  }

  /**
   * Replaces each of {@code findings} (sorted, non-overlapping, as returned by {@link
   * #scan(CharSequence)} for this {@code text}) according to its type's strategy.
   */
  public String mask(String text, List<Finding> findings) {
    if (findings.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16 * findings.size());
    int last = 0;
    for (Finding finding : findings) {
      if (finding.start() < last || finding.end() > text.length()) {
        throw new IllegalArgumentException("findings must be sorted, disjoint and within the text");
      }
      out.append(text, last, finding.start());
      strategyFor(finding.type())
          .mask(finding.type(), text.subSequence(finding.start(), finding.end()), out);
      last = finding.end();
    }
    out.append(text, last, text.length());
    return out.toString();
  }

  @Override
  public String toString() {
    return "Redactor[types=" + types + ", minConfidence=" + minConfidence + "]";
  }

  private final class Collector implements FindingSink {
    private Finding @Nullable [] items;
    private int size;

    @Override
    public void report(String type, int start, int end, double confidence) {
      if (confidence < minConfidence || !types.contains(type)) {
        return;
      }
      if (items == null) {
        items = new Finding[4];
      } else if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = new Finding(type, start, end, confidence);
    }

    List<Finding> resolve() {
      if (size == 0 || items == null) {
        return List.of();
      }
      Finding[] sorted = Arrays.copyOf(items, size);
      Arrays.sort(
          sorted,
          Comparator.comparingInt(Finding::start)
              .thenComparing(Comparator.comparingInt(Finding::end).reversed()));
      List<Finding> result = new ArrayList<>(size);
      Finding current = sorted[0];
      for (int i = 1; i < size; i++) {
        Finding next = sorted[i];
        if (next.start() < current.end()) {
          Finding better =
              next.confidence() > current.confidence()
                      || (next.confidence() == current.confidence()
                          && next.length() > current.length())
                  ? next
                  : current;
          current =
              new Finding(
                  better.type(),
                  current.start(),
                  Math.max(current.end(), next.end()),
                  better.confidence());
        } else {
          result.add(current);
          current = next;
        }
      }
      result.add(current);
      return result;
    }
  }

  /** Validating builder for {@link Redactor}. */
  public static final class Builder {
    private final List<Detector> detectors = new ArrayList<>(BuiltInDetectors.all());
    private Set<String> onlyTypes;
    private final Set<String> withoutTypes = new LinkedHashSet<>();
    private double minConfidence = 0.5;
    private MaskingStrategy defaultStrategy = MaskingStrategy.replace();
    private final Map<String, MaskingStrategy> strategies = new HashMap<>();

    private Builder() {}

    /** Replaces the detector list (built-ins included by default). */
    public Builder detectors(List<? extends Detector> detectors) {
      this.detectors.clear();
      this.detectors.addAll(detectors);
      return this;
    }

    /** Adds a custom detector after the built-ins. */
    public Builder addDetector(Detector detector) {
      detectors.add(Objects.requireNonNull(detector, "detector"));
      return this;
    }

    /** Reports only these types. */
    public Builder types(Collection<String> types) {
      this.onlyTypes = new LinkedHashSet<>(types);
      return this;
    }

    /** Does not report these types. */
    public Builder withoutTypes(Collection<String> types) {
      this.withoutTypes.addAll(types);
      return this;
    }

    /** Findings below this confidence are ignored (default 0.5). */
    public Builder minConfidence(double minConfidence) {
      this.minConfidence = minConfidence;
      return this;
    }

    /** Strategy for types without their own (default {@link MaskingStrategy#replace()}). */
    public Builder defaultStrategy(MaskingStrategy strategy) {
      this.defaultStrategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** Strategy for one type. */
    public Builder strategy(String type, MaskingStrategy strategy) {
      strategies.put(
          Objects.requireNonNull(type, "type"), Objects.requireNonNull(strategy, "strategy"));
      return this;
    }

    /**
     * Builds the redactor.
     *
     * @throws IllegalArgumentException when the confidence is outside {@code [0, 1]}, a named type
     *     is not reported by any detector, or no type is left
     */
    public Redactor build() {
      if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
        throw new IllegalArgumentException("minConfidence must be within [0, 1]: " + minConfidence);
      }
      Set<String> known = new LinkedHashSet<>();
      for (Detector detector : new LinkedHashSet<>(detectors)) {
        known.addAll(detector.types());
      }
      List<String> unknown = new ArrayList<>();
      for (Collection<String> named :
          List.of(
              onlyTypes == null ? Set.<String>of() : onlyTypes,
              withoutTypes,
              strategies.keySet())) {
        for (String type : named) {
          if (!known.contains(type)) {
            unknown.add(type);
          }
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "no detector reports the types " + unknown + "; known: " + known);
      }
      Set<String> enabled = new LinkedHashSet<>(onlyTypes == null ? known : onlyTypes);
      enabled.removeAll(withoutTypes);
      if (enabled.isEmpty()) {
        throw new IllegalArgumentException("no type left to report");
      }
      List<Detector> active = new ArrayList<>();
      for (Detector detector : new LinkedHashSet<>(detectors)) {
        if (detector.types().stream().anyMatch(enabled::contains)) {
          active.add(detector);
        }
      }
      return new Redactor(this, active, enabled);
    }
  }
}
