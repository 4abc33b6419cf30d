package io.bulwark.secrets.vault;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret's value: the UTF-8 JSON of what the caller stored (a string or any JSON value). It has
 * no {@code toString} that shows it; the bytes come out only through {@link #revealJson()}, a name
 * to grep for.
 */
public final class SecretValue {

  private final byte[] json;

  private SecretValue(byte[] json) {
    this.json = json;
  }

  /**
   * @param json the UTF-8 JSON encoding of the value; copied
   * @return the value
   */
  public static SecretValue ofJson(byte[] json) {
    return new SecretValue(json.clone());
  }

  /**
   * @return a copy of the value's UTF-8 JSON; every caller is a place the secret leaves the vault
   */
  public byte[] revealJson() {
    return json.clone();
  }

  /**
   * @return the size of the value's JSON encoding in bytes
   */
  public int length() {
    return json.length;
  }

  /**
   * @param other another value
   * @return whether both hold the same bytes, compared in constant time
   */
  public boolean sameAs(SecretValue other) {
    return MessageDigest.isEqual(json, other.json);
  }

  /** Overwrites the value in memory; the object is empty afterwards. */
  public void wipe() {
    Arrays.fill(json, (byte) 0);
  }

  @Override
  public String toString() {
    return "SecretValue[redacted]";
  }
}
