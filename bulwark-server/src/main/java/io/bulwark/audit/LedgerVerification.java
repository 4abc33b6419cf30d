package io.bulwark.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of re-verifying a range of a tenant's log on the server: every entry re-hashed, every
 * stored node recomputed, and the result compared with the tree head and the latest signed
 * checkpoint.
 *
 * @param intact whether everything matched
 * @param firstBadIndex the first entry that was altered, removed, moved or added, when one can be
 *     named
 * @param from the first entry checked
 * @param to one past the last entry checked
 * @param size the tree size verified against
 * @param reason what failed, without any entry data; null when intact
 * @param pruned how many entries of the range were pruned: their bodies are gone, so only their
 *     stored leaf hashes could be checked against the tree
 */
public record LedgerVerification(
    boolean intact,
    @Nullable Long firstBadIndex,
    long from,
    long to,
    long size,
    @Nullable String reason,
    long pruned) {

  public LedgerVerification {
    if (pruned < 0) {
      throw new IllegalArgumentException("pruned must not be negative");
    }
    if (intact && (firstBadIndex != null || reason != null)) {
      throw new IllegalArgumentException("an intact ledger has no bad index and no reason");
    }
    if (!intact) {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** An outcome for a range without pruned entries. */
  public LedgerVerification(
      boolean intact,
      @Nullable Long firstBadIndex,
      long from,
      long to,
      long size,
      @Nullable String reason) {
    this(intact, firstBadIndex, from, to, size, reason, 0);
  }
}
