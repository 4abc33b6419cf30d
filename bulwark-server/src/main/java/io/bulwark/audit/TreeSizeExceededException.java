package io.bulwark.audit;

/** A proof was asked for a tree larger than the log: carries the log's size for the answer. */
public final class TreeSizeExceededException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final long treeSize;

  /**
   * @param treeSize the log's size when the proof was asked for
   */
  public TreeSizeExceededException(long treeSize) {
    super("the tree size must be within the log, " + treeSize);
    this.treeSize = treeSize;
  }

  /** The log's size when the proof was asked for. */
  public long treeSize() {
    return treeSize;
  }
}
