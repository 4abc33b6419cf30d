package io.bulwark.audit;

import io.bulwark.platform.TenantId;
import java.util.List;

/**
 * The tenant's audit HMAC: sensitive values in audit entries are stored as {@code hmac-sha256:<64
 * lower-case hex>}, HMAC-SHA256 of the value's UTF-8 bytes under a key of the tenant's own, so a
 * known value can be looked for in the log without the log revealing it (like the audit devices of
 * HashiCorp Vault and its {@code sys/audit-hash}). The key never leaves the server.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2104">RFC 2104 (HMAC)</a>
 */
public interface AuditHashes {

  /** What every stored hash starts with. */
  String PREFIX = "hmac-sha256:";

  /**
   * Hashes values exactly as an entry would store them (no normalisation: case and whitespace
   * count), making the tenant's key first if it has none.
   *
   * @param tenant whose key
   * @param values texts to hash
   * @return {@code hmac-sha256:<hex>} for each value, in order
   */
  List<String> hash(TenantId tenant, List<String> values);
}
