package io.bulwark.audit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A stored log entry: the event with its {@code recorded_at}, as the exact RFC 8785 canonical JSON
 * that was hashed into the log. Its body may hold personal data, so {@link #toString()} omits it.
 *
 * @param index its position in the log
 * @param canonicalJson the leaf data (RFC 9162 §2.1.1), UTF-8 canonical JSON (RFC 8785)
 */
public record AuditEntry(long index, String canonicalJson) {

  public AuditEntry {
    Objects.requireNonNull(canonicalJson, "canonicalJson");
  }

  /**
   * @return the leaf data: the canonical JSON's UTF-8 bytes
   */
  public byte[] leafData() {
    return canonicalJson.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "AuditEntry[index=" + index + "]";
  }
}
