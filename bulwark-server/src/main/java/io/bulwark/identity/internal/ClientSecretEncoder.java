package io.bulwark.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes client secrets as HMAC-SHA256 under a random 128-bit salt. Client secrets are machine
 * generated with at least 192 bits of entropy (and configured ones must be at least 32 characters),
 * so a slow password hash would add nothing but latency to every token request; people's passwords
 * use Argon2id instead. Comparison is constant-time.
 */
final class ClientSecretEncoder implements PasswordEncoder {

  /** The id under which this encoding is stored, as {@code {hmac-sha256}salt:mac}. */
  static final String ID = "hmac-sha256";

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public @Nullable String encode(@Nullable CharSequence secret) {
    if (secret == null) {
      return null;
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return base64.encodeToString(salt) + ":" + base64.encodeToString(mac(salt, secret));
  }

  @Override
  public boolean matches(@Nullable CharSequence secret, @Nullable String encoded) {
    if (secret == null || encoded == null) {
      return false;
    }
    int colon = encoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(encoded.substring(0, colon));
      byte[] expected = Base64.getDecoder().decode(encoded.substring(colon + 1));
      return MessageDigest.isEqual(expected, mac(salt, secret));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] mac(byte[] salt, CharSequence secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac.doFinal(secret.toString().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
