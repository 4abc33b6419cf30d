package io.bulwark.redact.json;

import java.util.Objects;

/**
 * What {@link JsonRedactor} does with a field (and, for objects and arrays, everything below it).
 */
public sealed interface JsonFieldAction
    permits JsonFieldAction.Keep,
        JsonFieldAction.Detect,
        JsonFieldAction.Mask,
        JsonFieldAction.Drop {

  /** Copy unchanged, without value detection: for fields classified public. */
  static JsonFieldAction keep() {
    return Keep.INSTANCE;
  }

  /** Run the text redactor's detectors over string values (the default for unmatched fields). */
  static JsonFieldAction detect() {
    return Detect.INSTANCE;
  }

  /**
   * Replace the whole value (scalars, objects and arrays alike) by the masking strategy the
   * redactor uses for {@code type}; by default {@code "[REDACTED:<type>]"}.
   */
  static JsonFieldAction mask(String type) {
    return new Mask(type);
  }

  /** Remove the field, name and value, from the output. */
  static JsonFieldAction drop() {
    return Drop.INSTANCE;
  }

  /** See {@link JsonFieldAction#keep()}. */
  final class Keep implements JsonFieldAction {
    static final Keep INSTANCE = new Keep();

    private Keep() {}

    @Override
    public String toString() {
      return "keep";
    }
  }

  /** See {@link JsonFieldAction#detect()}. */
  final class Detect implements JsonFieldAction {
    static final Detect INSTANCE = new Detect();

    private Detect() {}

    @Override
    public String toString() {
      return "detect";
    }
  }

  /**
   * See {@link JsonFieldAction#mask(String)}.
   *
   * @param type the label shown in the replacement, e.g. {@code US_SSN} or a classification tier
   */
  record Mask(String type) implements JsonFieldAction {
    /** Validates the type label. */
    public Mask {
      Objects.requireNonNull(type, "type");
      if (type.isBlank()) {
        throw new IllegalArgumentException("type must not be blank");
      }
    }
  }

  /** See {@link JsonFieldAction#drop()}. */
  final class Drop implements JsonFieldAction {
    static final Drop INSTANCE = new Drop();

    private Drop() {}

    @Override
    public String toString() {
      return "drop";
    }
  }
}
