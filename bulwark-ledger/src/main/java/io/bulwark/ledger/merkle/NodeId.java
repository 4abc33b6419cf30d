package io.bulwark.ledger.merkle;

/**
 * The address of a complete, perfect subtree: the node at {@code level} (0 = leaves) and {@code
 * index} covers leaves {@code [index·2^level, (index+1)·2^level)}.
 *
 * <p>Only complete subtrees are ever addressed, so a node's hash never changes once written: the
 * same addressing as Trillian Tessera's tiles, which lets a store keep nodes immutable.
 *
 * @param level height above the leaves, 0 to 62
 * @param index position among the nodes of that level, from 0
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public record NodeId(int level, long index) {

  /** Highest supported level: a tree of at most 2^62 leaves. */
  public static final int MAX_LEVEL = 62;

  /** Validates the address. */
  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be in [0, " + MAX_LEVEL + "], got " + level);
    }
    if (index < 0 || index >= (1L << (MAX_LEVEL - level))) {
      throw new IllegalArgumentException("index " + index + " is out of range for level " + level);
    }
  }

  /** The node holding the hash of leaf {@code index}. */
  public static NodeId leaf(long index) {
    return new NodeId(0, index);
  }

  /** First leaf index covered. */
  public long firstLeaf() {
    return index << level;
  }

  /** One past the last leaf index covered. */
  public long endLeaf() {
    return (index + 1) << level;
  }

  /** Number of leaves covered, {@code 2^level}. */
  public long leafCount() {
    return 1L << level;
  }
}
