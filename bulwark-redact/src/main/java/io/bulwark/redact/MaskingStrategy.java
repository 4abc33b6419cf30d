package io.bulwark.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * How a finding's value is replaced in the output.
 *
 * <ul>
 *   <li>{@link #replace()}: {@code [REDACTED:<TYPE>]}, the default;
 *   <li>{@link #keepLast(int)}: letters and digits become {@code *} except the last few, keeping
 *       separators ({@code ****-****-****-1111});
 *   <li>{@link #pseudonymize(PseudonymKey)}: {@code [<TYPE>#<16 hex>]}, a keyed HMAC-SHA256 of the
 *       normalized value, so the same input gives the same token without revealing it;
 *   <li>{@link #drop()}: removes the value.
 * </ul>
 */
public sealed interface MaskingStrategy
    permits MaskingStrategy.Replace,
        MaskingStrategy.KeepLast,
        MaskingStrategy.Pseudonymize,
        MaskingStrategy.Drop {

  /** {@code [REDACTED:<TYPE>]}. */
  static MaskingStrategy replace() {
    return Replace.INSTANCE;
  }

  /** Masks all letters and digits except the last {@code visible} ones. */
  static MaskingStrategy keepLast(int visible) {
    return new KeepLast(visible);
  }

  /** Keyed HMAC-SHA256 pseudonym; stable for a given key, type and value. */
  static MaskingStrategy pseudonymize(PseudonymKey key) {
    return new Pseudonymize(key);
  }

  /** Removes the value. */
  static MaskingStrategy drop() {
    return Drop.INSTANCE;
  }

  /**
   * Appends the replacement for {@code value} (of detector type {@code type}) to {@code out}.
   *
   * @param type the finding's type name
   * @param value the sensitive value; implementations never retain or log it
   * @param out where the replacement goes
   */
  void mask(String type, CharSequence value, StringBuilder out);

  /** {@code [REDACTED:<TYPE>]}. */
  final class Replace implements MaskingStrategy {
    static final Replace INSTANCE = new Replace();

    private Replace() {}

    @Override
    public void mask(String type, CharSequence value, StringBuilder out) {
      out.append("[REDACTED:").append(type).append(']');
    }

    @Override
    public String toString() {
      return "replace";
    }
  }

  /**
   * Keeps the last {@code visible} letters or digits. Values with fewer than three times that many
   * letters and digits are masked completely, so short secrets are never mostly revealed.
   *
   * @param visible how many trailing letters or digits stay readable, 1 to 8
   */
  record KeepLast(int visible) implements MaskingStrategy {

    /** Validates {@code visible}. */
    public KeepLast {
      if (visible < 1 || visible > 8) {
        throw new IllegalArgumentException("visible must be within 1..8: " + visible);
      }
    }

    @Override
    public void mask(String type, CharSequence value, StringBuilder out) {
      int alnum = 0;
      for (int i = 0; i < value.length(); i++) {
        if (Character.isLetterOrDigit(value.charAt(i))) {
          alnum++;
        }
      }
      int keepFrom = alnum >= 3 * visible ? alnum - visible : Integer.MAX_VALUE;
      int seen = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          out.append(seen++ >= keepFrom ? c : '*');
        } else {
          out.append(c);
        }
      }
    }
  }

  /**
   * {@code [<TYPE>#<first 8 bytes of HMAC-SHA256(key, TYPE NUL normalized value) in hex>]}. Numbers
   * (cards, phones, SSNs, IBANs) are normalized to their letters and digits and e-mail addresses to
   * lower case, so formatting differences do not change the pseudonym.
   */
  final class Pseudonymize implements MaskingStrategy {
    private static final HexFormat HEX = HexFormat.of();

    private final ThreadLocal<Mac> macs;

    private Pseudonymize(PseudonymKey key) {
      Objects.requireNonNull(key, "key");
      var spec = key.hmacKey();
      this.macs =
          ThreadLocal.withInitial(() -> {
            try {
              Mac mac = Mac.getInstance("HmacSHA256");
              mac.init(spec);
              return mac;
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
          });
    }

    @Override
    public void mask(String type, CharSequence value, StringBuilder out) {
      Mac mac = macs.get();
      mac.update(type.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(normalize(type, value).getBytes(StandardCharsets.UTF_8));
      out.append('[').append(type).append('#');
      out.append(HEX.formatHex(digest, 0, 8)).append(']');
    }

    private static String normalize(String type, CharSequence value) {
      return switch (type) {
        case DetectorTypes.CREDIT_CARD,
            DetectorTypes.PHONE,
            DetectorTypes.US_SSN,
            DetectorTypes.IBAN,
            DetectorTypes.MAC_ADDRESS -> {
          var sb = new StringBuilder(value.length());
          for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
              sb.append(Character.toUpperCase(c));
            }
          }
          yield sb.toString();
        }
        case DetectorTypes.EMAIL -> value.toString().toLowerCase(java.util.Locale.ROOT);
        default -> value.toString();
      };
    }

    @Override
    public String toString() {
      return "pseudonymize";
    }
  }

  /** Removes the value. */
  final class Drop implements MaskingStrategy {
    static final Drop INSTANCE = new Drop();

    private Drop() {}

    @Override
    public void mask(String type, CharSequence value, StringBuilder out) {}

    @Override
    public String toString() {
      return "drop";
    }
  }
}
