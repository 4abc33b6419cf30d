package io.bulwark.ledger.export;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Outcome of {@link LedgerExportVerifier}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public sealed interface ExportVerification {

  /**
   * Every entry of the range is in place and, with the range proof, reproduces the root of a
   * checkpoint signed by a trusted key.
   *
   * @param origin the log
   * @param tenant the tenant named in the header
   * @param treeSize size of the checkpoint's tree
   * @param begin first entry
   * @param end one past the last entry
   * @param entries entries with a body, re-hashed from their canonical form
   * @param pruned entries present only as a leaf hash
   * @param signers names of the trusted keys that signed the checkpoint
   */
  record Intact(
      String origin,
      String tenant,
      long treeSize,
      long begin,
      long end,
      long entries,
      long pruned,
      List<String> signers)
      implements ExportVerification {

    /** Copies the signers. */
    public Intact {
      signers = List.copyOf(signers);
    }

    /** One line for people. */
    public String summary() {
      String range = end > begin ? "entries " + begin + ".." + (end - 1) : "no entries";
      return "OK: "
          + origin
          + " (tenant "
          + tenant
          + "): "
          + range
          + " of tree size "
          + treeSize
          + " verified ("
          + entries
          + " with body, "
          + pruned
          + " pruned); checkpoint signed by "
          + String.join(", ", signers);
    }
  }

  /**
   * The export is not intact.
   *
   * @param where what is bad: {@code "entry 41"}, {@code "checkpoint"}, {@code "line 1"}, …
   * @param reason why, without entry content
   * @param firstBadIndex the first entry found bad, when the failure is tied to one
   */
  record Failed(String where, String reason, OptionalLong firstBadIndex)
      implements ExportVerification {

    /** Requires all parts. */
    public Failed {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(firstBadIndex, "firstBadIndex");
    }

    static Failed atEntry(long index, String reason) {
      return new Failed("entry " + index, reason, OptionalLong.of(index));
    }

    static Failed at(String where, String reason) {
      return new Failed(where, reason, OptionalLong.empty());
    }

    /** One line for people, e.g. {@code FAIL: entry 41: leaf hash does not match}. */
    public String summary() {
      return "FAIL: " + where + ": " + reason;
    }
  }
}
