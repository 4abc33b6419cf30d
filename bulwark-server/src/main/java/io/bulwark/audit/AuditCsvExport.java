package io.bulwark.audit;

import io.bulwark.platform.TenantId;
import java.io.Writer;

/**
 * Exports a range of a tenant's log as CSV (RFC 4180) for spreadsheets and SIEM imports: a header
 * row, then one row per entry with its index, stored leaf hash, whether it was pruned, the entry's
 * flat fields, and {@code details} as canonical JSON text. Cells that a spreadsheet would run as a
 * formula are defused with a leading apostrophe (OWASP CSV injection). Unlike the JSON Lines export
 * it carries no proofs: verify with the JSON Lines export.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4180">RFC 4180</a>
 * @see <a href="https://owasp.org/www-community/attacks/CSV_Injection">OWASP CSV Injection</a>
 */
public interface AuditCsvExport {

  /**
   * Streams entries {@code [from, to)} from one repeatable-read snapshot, in index order; memory
   * does not grow with the range.
   *
   * @param tenant whose log
   * @param from the first entry
   * @param to one past the last entry, at most the log's size
   * @param out where the rows go; flushed, not closed
   * @throws IllegalArgumentException when the range is not within the log
   */
  void export(TenantId tenant, long from, long to, Writer out);
}
