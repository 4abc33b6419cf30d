package io.bulwark.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Lexical rules shared by notes, keys and checkpoints. */
final class NoteText {

  static final byte ED25519_TYPE = 0x01;

  private NoteText() {}

  /** Key names are non-empty and contain no Unicode space and no plus. */
  static void requireKeyName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("key name is empty");
    }
    name.codePoints()
        .forEach(c -> {
          if (c == '+' || c < 0x20 || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            throw new IllegalArgumentException(
                "key name contains a space, a control character or '+'");
          }
        });
  }

  /** Notes contain no ASCII control character other than newline. */
  static void requireNoControlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException("contains a control character other than newline");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(++i)))) {
        throw new IllegalArgumentException("is not valid UTF-8 (unpaired surrogate)");
      }
    }
  }

  /** Decodes padded standard base64, rejecting any non-canonical spelling. */
  static byte[] decodeBase64(String base64) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64", e);
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(base64)) {
      throw new IllegalArgumentException("not canonical padded base64");
    }
    return decoded;
  }

  /** {@code SHA-256(name || 0x0A || 0x01 || publicKey)[:4]} as a big-endian integer. */
  static int ed25519KeyId(String name, byte[] publicKey) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(name.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(ED25519_TYPE);
      sha256.update(publicKey);
      byte[] digest = sha256.digest();
      return ((digest[0] & 0xFF) << 24)
          | ((digest[1] & 0xFF) << 16)
          | ((digest[2] & 0xFF) << 8)
          | (digest[3] & 0xFF);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  static String hex8(int keyId) {
    return String.format("%08x", keyId);
  }
}
