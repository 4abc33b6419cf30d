package io.bulwark.ledger.note;

import io.bulwark.ledger.merkle.Sha256Hash;
import java.util.List;
import java.util.Objects;

/**
 * A transparency log checkpoint: the note text naming a log ({@code origin}), a tree size and the
 * RFC 9162 root hash at that size, plus optional opaque extension lines.
 *
 * <pre>
 * example.com/log42
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * </pre>
 *
 * @param origin the log's unique identity, non-empty, one line
 * @param treeSize number of leaves
 * @param rootHash {@code MTH(D[treeSize])}
 * @param extensions extra non-empty lines (not recommended)
 * @see <a href="https://c2sp.org/tlog-checkpoint#note-text">C2SP tlog-checkpoint, Note text</a>
 */
public record TlogCheckpoint(
    String origin, long treeSize, Sha256Hash rootHash, List<String> extensions) {

  /** Validates every line. */
  public TlogCheckpoint {
    requireLine(origin, "origin");
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size must not be negative");
    }
    Objects.requireNonNull(rootHash, "rootHash");
    extensions = List.copyOf(extensions);
    extensions.forEach(line -> requireLine(line, "extension line"));
  }

  /** A checkpoint without extension lines. */
  public TlogCheckpoint(String origin, long treeSize, Sha256Hash rootHash) {
    this(origin, treeSize, rootHash, List.of());
  }

  /**
   * Parses checkpoint note text strictly: at least three lines, each ending in newline; size in
   * decimal without leading zeros; root hash in canonical base64 of 32 bytes; non-empty extension
   * lines.
   *
   * @throws IllegalArgumentException naming the first rule broken
   */
  public static TlogCheckpoint parse(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint text does not end in newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException("checkpoint needs origin, size and root hash lines");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("checkpoint size is not a decimal without leading zeros");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint size is out of range", e);
    }
    Sha256Hash root;
    try {
      root = Sha256Hash.fromBase64(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root hash is not base64 of 32 bytes", e);
    }
    return new TlogCheckpoint(lines[0], size, root, List.of(lines).subList(3, lines.length));
  }

  /** The note text: origin, size, base64 root hash, extensions, each ending in newline. */
  public String toNoteText() {
    StringBuilder text =
        new StringBuilder(origin)
            .append('\n')
            .append(treeSize)
            .append('\n')
            .append(rootHash.toBase64())
            .append('\n');
    extensions.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  private static void requireLine(String line, String what) {
    if (line.isEmpty() || line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(what + " must be one non-empty line");
    }
    try {
      NoteText.requireNoControlCharacters(line);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " " + e.getMessage());
    }
  }
}
