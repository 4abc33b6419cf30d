package io.bulwark.identity.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords: HMAC-SHA1 over 30-second steps counted from the Unix
 * epoch, truncated as in RFC 4226 §5.3.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238">RFC 6238</a>
 */
final class Totp {

  static final int STEP_SECONDS = 30;
  static final int DIGITS = 6;

  /** Codes of the step before and after the current one are accepted too (clock drift). */
  static final int WINDOW = 1;

  private Totp() {}

  /**
   * @param secret the shared key
   * @param step the time step, {@code floor(unixSeconds / 30)}
   * @param digits how many decimal digits
   * @return the code for that step, zero-padded
   */
  static String code(byte[] secret, long step, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      int modulus = 1;
      for (int i = 0; i < digits; i++) {
        modulus *= 10;
      }
      String code = Integer.toString(binary % modulus);
      return "0".repeat(digits - code.length()) + code;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /**
   * @param secret the shared key
   * @param code what the user typed
   * @param now the current time
   * @param lastUsedStep the latest step already accepted for this secret
   * @return the matching step within ±{@link #WINDOW} and after {@code lastUsedStep}, if any
   */
  static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
    if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    long current = step(now);
    OptionalLong match = OptionalLong.empty();
    for (long step = current - WINDOW; step <= current + WINDOW; step++) {
      // Every candidate is computed and compared in constant time, whether or not one matched.
      boolean equal =
          java.security.MessageDigest.isEqual(
              code(secret, step, DIGITS).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              code.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      if (equal && step > lastUsedStep && match.isEmpty()) {
        match = OptionalLong.of(step);
      }
    }
    return match;
  }

  /** RFC 4648 base32 without padding, as authenticator apps expect in {@code otpauth} URIs. */
  static String base32(byte[] bytes) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }
}
