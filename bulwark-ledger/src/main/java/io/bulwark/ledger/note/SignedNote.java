package io.bulwark.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A signed note: a text ending in newline, a blank line, then one or more signature lines. The text
 * must be ignored unless {@link SignedNoteVerifier} found a trusted signature on it.
 *
 * @param text the signed text, including its final newline
 * @param signatures the signature lines, in order
 * @see <a href="https://c2sp.org/signed-note#format">C2SP signed-note, Format</a>
 */
public record SignedNote(String text, List<SignedNoteSignature> signatures) {

  /** Most signature lines accepted; the spec requires at least 16. */
  public static final int MAX_SIGNATURES = 100;

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  /** Validates the text and that there is at least one signature. */
  public SignedNote {
    requireText(text);
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "a note needs 1 to " + MAX_SIGNATURES + " signatures, got " + signatures.size());
    }
  }

  /**
   * Parses a note strictly: valid UTF-8, no control characters but newline, text ending in newline,
   * every line after the last blank line a well-formed signature line.
   *
   * @throws IllegalArgumentException naming the first rule broken
   */
  public static SignedNote parse(byte[] utf8) {
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("note is not valid UTF-8", e);
    }
  }

  /**
   * Parses a note strictly; see {@link #parse(byte[])}.
   *
   * @throws IllegalArgumentException naming the first rule broken
   */
  public static SignedNote parse(String note) {
    try {
      NoteText.requireNoControlCharacters(note);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("note " + e.getMessage());
    }
    if (!note.endsWith("\n")) {
      throw new IllegalArgumentException("note does not end in newline");
    }
    int separator = note.lastIndexOf("\n\n");
    if (separator < 0) {
      throw new IllegalArgumentException("note has no blank line before its signatures");
    }
    String text = note.substring(0, separator + 1);
    String block = note.substring(separator + 2);
    if (block.isEmpty()) {
      throw new IllegalArgumentException("note has no signature lines");
    }
    List<SignedNoteSignature> signatures = new ArrayList<>();
    for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
      if (signatures.size() == MAX_SIGNATURES) {
        throw new IllegalArgumentException("note has more than " + MAX_SIGNATURES + " signatures");
      }
      signatures.add(parseSignatureLine(line));
    }
    return new SignedNote(text, signatures);
  }

  private static SignedNoteSignature parseSignatureLine(String line) {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new IllegalArgumentException("signature line does not start with an em dash and space");
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw new IllegalArgumentException("signature line is not '— <name> <signature>'");
    }
    String name = rest.substring(0, space);
    byte[] blob;
    try {
      blob = NoteText.decodeBase64(rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature of " + name + " is " + e.getMessage());
    }
    if (blob.length < 5) {
      throw new IllegalArgumentException("signature of " + name + " is too short");
    }
    int keyId =
        ((blob[0] & 0xFF) << 24)
            | ((blob[1] & 0xFF) << 16)
            | ((blob[2] & 0xFF) << 8)
            | (blob[3] & 0xFF);
    return new SignedNoteSignature(name, keyId, java.util.Arrays.copyOfRange(blob, 4, blob.length));
  }

  private static void requireText(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new IllegalArgumentException("note text must be non-empty and end in newline");
    }
    NoteText.requireNoControlCharacters(text);
  }

  /** The note as transmitted: text, blank line, signature lines. */
  public String format() {
    StringBuilder note = new StringBuilder(text).append('\n');
    for (SignedNoteSignature signature : signatures) {
      note.append(signature.line()).append('\n');
    }
    return note.toString();
  }

  /**
   * Signs {@code text} with each key, in order.
   *
   * @see <a href="https://c2sp.org/signed-note#signatures">C2SP signed-note, Signatures</a>
   */
  public static SignedNote sign(String text, List<SignedNoteSignerKey> keys) {
    requireText(text);
    return new SignedNote(text, keys.stream().map(key -> key.sign(text)).toList());
  }
}
