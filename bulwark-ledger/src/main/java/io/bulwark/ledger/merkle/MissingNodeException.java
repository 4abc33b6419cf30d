package io.bulwark.ledger.merkle;

/**
 * Thrown by a {@link NodeStore} asked for a node it does not hold: the caller asked for a tree
 * larger than what was appended, or the store lost data.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class MissingNodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient NodeId node;

  /** Names the missing node. */
  public MissingNodeException(NodeId node) {
    super("node " + node.level() + "/" + node.index() + " is not stored");
    this.node = node;
  }

  /** The node that was asked for. */
  public NodeId node() {
    return node;
  }
}
