package io.bulwark.ledger.merkle;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Grows an RFC 9162 tree one leaf (or one aligned perfect subtree) at a time while keeping only its
 * compact range — the roots of the at most 63 perfect subtrees the tree is made of — so a tree of
 * any size is hashed in constant memory.
 *
 * <p>Every node completed along the way (leaf nodes included) is reported to an optional {@link
 * NodeSink}: that is how {@link Rfc9162Appender} produces the nodes to store. Mutable and not
 * thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class Rfc9162TreeBuilder {

  /** Receives each completed node; the hash is only valid during the call. */
  @FunctionalInterface
  public interface NodeSink {

    /** Called once per completed node, children before parents, left before right. */
    void accept(int level, long index, byte[] hash, int offset);
  }

  private static final int MAX_HEIGHT = 64;

  private final Rfc9162Hasher hasher;
  private final @Nullable NodeSink sink;
  private final byte[] hashes = new byte[MAX_HEIGHT * Sha256Hash.LENGTH];
  private final int[] levels = new int[MAX_HEIGHT];
  private final byte[] fold = new byte[Sha256Hash.LENGTH];
  private int height;
  private long size;

  private Rfc9162TreeBuilder(Rfc9162Hasher hasher, @Nullable NodeSink sink) {
    this.hasher = hasher;
    this.sink = sink;
  }

  /** An empty tree. */
  public static Rfc9162TreeBuilder create() {
    return new Rfc9162TreeBuilder(Rfc9162Hasher.create(), null);
  }

  /** An empty tree reporting completed nodes to {@code sink}. */
  public static Rfc9162TreeBuilder create(NodeSink sink) {
    return new Rfc9162TreeBuilder(Rfc9162Hasher.create(), sink);
  }

  /**
   * Continues the tree whose compact range is {@code range}, reporting new nodes to {@code sink}.
   */
  public static Rfc9162TreeBuilder startingAt(
      Rfc9162CompactRange range, Rfc9162Hasher hasher, @Nullable NodeSink sink) {
    Rfc9162TreeBuilder builder = new Rfc9162TreeBuilder(hasher, sink);
    List<NodeId> ids = range.nodeIds();
    for (int i = 0; i < ids.size(); i++) {
      range.hashes().get(i).copyTo(builder.hashes, i * Sha256Hash.LENGTH);
      builder.levels[i] = ids.get(i).level();
    }
    builder.height = ids.size();
    builder.size = range.size();
    return builder;
  }

  /** Continues the tree whose compact range is {@code range}. */
  public static Rfc9162TreeBuilder startingAt(Rfc9162CompactRange range) {
    return startingAt(range, Rfc9162Hasher.create(), null);
  }

  /** Number of leaves so far. */
  public long size() {
    return size;
  }

  /** Appends a leaf given its data (e.g. RFC 8785 canonical JSON). */
  public void appendLeaf(byte[] leafData) {
    appendLeaf(leafData, 0, leafData.length);
  }

  /** Appends a leaf given its data {@code data[offset, offset + length)}. */
  public void appendLeaf(byte[] data, int offset, int length) {
    requireRoom(0);
    hasher.leafHash(data, offset, length, hashes, height * Sha256Hash.LENGTH);
    push(0);
  }

  /** Appends a leaf given its leaf hash. */
  public void appendLeafHash(Sha256Hash leafHash) {
    appendSubtree(0, leafHash);
  }

  /** Appends a leaf given its leaf hash at {@code source[offset..]}. */
  public void appendLeafHash(byte[] source, int offset) {
    requireRoom(0);
    System.arraycopy(source, offset, hashes, height * Sha256Hash.LENGTH, Sha256Hash.LENGTH);
    push(0);
  }

  /**
   * Appends a whole perfect subtree of {@code 2^level} leaves given its root hash.
   *
   * @throws IllegalStateException if the current size is not a multiple of {@code 2^level}
   */
  public void appendSubtree(int level, Sha256Hash subtreeHash) {
    if (level < 0 || level > NodeId.MAX_LEVEL) {
      throw new IllegalArgumentException("level out of range: " + level);
    }
    if ((size & ((1L << level) - 1)) != 0) {
      throw new IllegalStateException(
          "a subtree of level " + level + " cannot start at unaligned size " + size);
    }
    requireRoom(level);
    subtreeHash.copyTo(hashes, height * Sha256Hash.LENGTH);
    push(level);
  }

  /**
   * The Merkle tree hash of the leaves so far, {@code MTH(D[size])}.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
   */
  public Sha256Hash rootHash() {
    if (height == 0) {
      return hasher.emptyRoot();
    }
    System.arraycopy(hashes, (height - 1) * Sha256Hash.LENGTH, fold, 0, Sha256Hash.LENGTH);
    for (int i = height - 2; i >= 0; i--) {
      hasher.nodeHash(hashes, i * Sha256Hash.LENGTH, fold, 0, fold, 0);
    }
    return Sha256Hash.of(fold);
  }

  /** The current compact range (frontier). */
  public Rfc9162CompactRange compactRange() {
    List<Sha256Hash> roots = new ArrayList<>(height);
    for (int i = 0; i < height; i++) {
      roots.add(Sha256Hash.of(hashes, i * Sha256Hash.LENGTH));
    }
    return new Rfc9162CompactRange(size, roots);
  }

  private void requireRoom(int level) {
    if (size + (1L << level) > (1L << NodeId.MAX_LEVEL)) {
      throw new IllegalStateException("tree is full at size " + size);
    }
  }

  private void push(int level) {
    levels[height] = level;
    height++;
    size += 1L << level;
    emit(level, (size >>> level) - 1, height - 1);
    while (height >= 2 && levels[height - 2] == levels[height - 1]) {
      int parentLevel = levels[height - 1] + 1;
      int left = (height - 2) * Sha256Hash.LENGTH;
      hasher.nodeHash(hashes, left, hashes, left + Sha256Hash.LENGTH, hashes, left);
      height--;
      levels[height - 1] = parentLevel;
      emit(parentLevel, (size >>> parentLevel) - 1, height - 1);
    }
  }

  private void emit(int level, long index, int slot) {
    if (sink != null) {
      sink.accept(level, index, hashes, slot * Sha256Hash.LENGTH);
    }
  }
}
