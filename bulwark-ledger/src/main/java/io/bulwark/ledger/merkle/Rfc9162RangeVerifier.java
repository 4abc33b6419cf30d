package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Re-verifies a stored range of the log (the server's {@code POST …/audit/verify}): recomputes
 * every leaf hash from the stored entry data and every complete node above them, compares each with
 * the {@link NodeStore} in batches, then checks that the range together with the stored nodes
 * around it reproduces the signed root. Memory is bounded by the batch size, whatever the range.
 *
 * <p>Not thread-safe: use one instance per verification.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class Rfc9162RangeVerifier {

  private static final int DEFAULT_BATCH_LEAVES = 4096;

  private final NodeStore store;
  private final int batchLeaves;
  private final Rfc9162Hasher hasher = Rfc9162Hasher.create();

  /** Verifies against {@code store}, reading the nodes of 4096 leaves at a time. */
  public Rfc9162RangeVerifier(NodeStore store) {
    this(store, DEFAULT_BATCH_LEAVES);
  }

  /** Verifies against {@code store}, reading the nodes of {@code batchLeaves} leaves at a time. */
  public Rfc9162RangeVerifier(NodeStore store, int batchLeaves) {
    if (batchLeaves < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchLeaves);
    }
    this.store = store;
    this.batchLeaves = batchLeaves;
  }

  /**
   * Verifies the leaves starting at {@code begin} given their data (the RFC 8785 canonical JSON of
   * each stored entry) against the tree of {@code treeSize} leaves with head {@code expectedRoot}.
   *
   * @throws IllegalArgumentException if the data runs past {@code treeSize}
   */
  public RangeVerification verifyLeafData(
      long begin, Iterator<byte[]> leafData, long treeSize, Sha256Hash expectedRoot) {
    return verify(begin, leafData, treeSize, expectedRoot, Rfc9162TreeBuilder::appendLeaf);
  }

  /** Like {@link #verifyLeafData} for leaf hashes computed elsewhere. */
  public RangeVerification verifyLeafHashes(
      long begin, Iterator<Sha256Hash> leafHashes, long treeSize, Sha256Hash expectedRoot) {
    return verify(begin, leafHashes, treeSize, expectedRoot, Rfc9162TreeBuilder::appendLeafHash);
  }

  private interface Append<T> {
    void to(Rfc9162TreeBuilder builder, T leaf);
  }

  private <T> RangeVerification verify(
      long begin, Iterator<T> leaves, long treeSize, Sha256Hash expectedRoot, Append<T> append) {
    TreeMath.requireTreeSize(treeSize);
    if (begin < 0 || begin > treeSize) {
      throw new IllegalArgumentException("begin " + begin + " is outside tree size " + treeSize);
    }
    Pending pending = new Pending();
    Rfc9162CompactRange left = Rfc9162CompactRange.read(store, begin);
    Rfc9162TreeBuilder builder = Rfc9162TreeBuilder.startingAt(left, hasher, pending);
    long leavesInBatch = 0;
    while (leaves.hasNext()) {
      if (builder.size() == treeSize) {
        throw new IllegalArgumentException("more leaves than a tree of size " + treeSize + " has");
      }
      append.to(builder, leaves.next());
      if (++leavesInBatch == batchLeaves) {
        RangeVerification mismatch = pending.check();
        if (mismatch != null) {
          return mismatch;
        }
        leavesInBatch = 0;
      }
    }
    RangeVerification mismatch = pending.check();
    if (mismatch != null) {
      return mismatch;
    }
    long end = builder.size();
    Rfc9162RangeProof proof =
        new Rfc9162RangeProof(
            begin,
            end,
            treeSize,
            left.hashes(),
            store.read(Rfc9162RangeProof.rightNodes(end, treeSize)));
    Sha256Hash computed = proof.finish(builder);
    return computed.equals(expectedRoot)
        ? new RangeVerification.Intact(begin, end, treeSize)
        : new RangeVerification.RootMismatch(computed, expectedRoot);
  }

  /** Nodes recomputed since the last check, in creation order. */
  private final class Pending implements Rfc9162TreeBuilder.NodeSink {
    private final List<NodeId> ids = new ArrayList<>();
    private byte[] hashes = new byte[64 * Sha256Hash.LENGTH];

    @Override
    public void accept(int level, long index, byte[] hash, int offset) {
      int slot = ids.size();
      if ((slot + 1) * Sha256Hash.LENGTH > hashes.length) {
        hashes = Arrays.copyOf(hashes, hashes.length * 2);
      }
      System.arraycopy(hash, offset, hashes, slot * Sha256Hash.LENGTH, Sha256Hash.LENGTH);
      ids.add(new NodeId(level, index));
    }

    RangeVerification.@Nullable NodeMismatch check() {
      if (ids.isEmpty()) {
        return null;
      }
      List<Sha256Hash> stored;
      try {
        stored = store.read(ids);
      } catch (MissingNodeException e) {
        return new RangeVerification.NodeMismatch(
            e.node().firstLeaf(), e.node(), "node is missing from the store");
      }
      for (int i = 0; i < ids.size(); i++) {
        if (!stored.get(i).equalsBytes(hashes, i * Sha256Hash.LENGTH)) {
          NodeId id = ids.get(i);
          String reason =
              id.level() == 0
                  ? "leaf hash of the entry does not match the stored leaf hash"
                  : "stored node does not match the hash of its children";
          return new RangeVerification.NodeMismatch(id.firstLeaf(), id, reason);
        }
      }
      ids.clear();
      return null;
    }
  }
}
