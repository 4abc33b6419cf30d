package io.bulwark.redact;

import java.util.List;
import java.util.Objects;

/**
 * Where the scanner invokes a {@link Detector}. The scanner makes one pass over the text and only
 * calls a detector at its candidate positions, so detectors never search the whole text themselves.
 *
 * <p>A <em>token</em> is a maximal run of ASCII letters, digits and {@code _}; a token starts at a
 * position whose previous character is not one of those.
 */
public sealed interface Trigger {

  /**
   * At a token start where the text begins with {@code literal}. The literal must have at least two
   * ASCII characters and start with a letter, digit or {@code _}.
   */
  static Trigger prefix(String literal) {
    return new Prefix(literal, false);
  }

  /** Like {@link #prefix(String)}, comparing ASCII letters case-insensitively. */
  static Trigger prefixIgnoringCase(String literal) {
    return new Prefix(literal, true);
  }

  /** At every token start whose first character is one of {@code firstCharacters}. */
  static Trigger tokenStart(String firstCharacters) {
    return new TokenStart(firstCharacters);
  }

  /** At every occurrence of an ASCII punctuation character such as {@code '@'} or {@code '+'}. */
  static Trigger symbol(char symbol) {
    return new Symbol(symbol);
  }

  /**
   * At the start of an assignment key ({@code key=}, {@code key:}, {@code "key":}, {@code key =})
   * whose name ends with one of {@code keywords}, compared case-insensitively. Keywords shorter
   * than 5 characters must match the whole key, so {@code pass} matches {@code pass=} but not
   * {@code bypass=}. The key extends left over letters, digits, {@code _}, {@code -} and {@code .},
   * so {@code X-Api-Key:} is the key {@code X-Api-Key}.
   */
  static Trigger assignmentKey(List<String> keywords) {
    return new AssignmentKey(keywords);
  }

  /** See {@link Trigger#prefix(String)}. */
  record Prefix(String literal, boolean ignoreCase) implements Trigger {
    /** Validates the literal. */
    public Prefix {
      Objects.requireNonNull(literal, "literal");
      if (literal.length() < 2 || !isTokenChar(literal.charAt(0)) || literal.charAt(1) >= 127) {
        throw new IllegalArgumentException(
            "a prefix needs two ASCII characters, the first a letter, digit or '_': " + literal);
      }
    }
  }

  /** See {@link Trigger#tokenStart(String)}. */
  record TokenStart(String firstCharacters) implements Trigger {
    /** Validates the characters. */
    public TokenStart {
      Objects.requireNonNull(firstCharacters, "firstCharacters");
      if (firstCharacters.isEmpty()) {
        throw new IllegalArgumentException("firstCharacters must not be empty");
      }
      for (int i = 0; i < firstCharacters.length(); i++) {
        if (!isTokenChar(firstCharacters.charAt(i))) {
          throw new IllegalArgumentException(
              "token start characters must be ASCII letters, digits or '_'");
        }
      }
    }
  }

  /** See {@link Trigger#symbol(char)}. */
  record Symbol(char symbol) implements Trigger {
    /** Validates the symbol. */
    public Symbol {
      if (symbol <= ' ' || symbol >= 127 || isTokenChar(symbol)) {
        throw new IllegalArgumentException("a symbol must be printable ASCII punctuation");
      }
    }
  }

  /** See {@link Trigger#assignmentKey(List)}. */
  record AssignmentKey(List<String> keywords) implements Trigger {
    /** Validates and copies the keywords. */
    public AssignmentKey {
      keywords = List.copyOf(keywords);
      if (keywords.isEmpty()) {
        throw new IllegalArgumentException("keywords must not be empty");
      }
      for (String keyword : keywords) {
        if (keyword.isEmpty() || keyword.length() > 64) {
          throw new IllegalArgumentException("keywords must have 1 to 64 characters");
        }
        for (int i = 0; i < keyword.length(); i++) {
          char c = keyword.charAt(i);
          if (!(isTokenChar(c) || c == '-' || c == '.')) {
            throw new IllegalArgumentException("invalid keyword character in " + keyword);
          }
        }
      }
    }
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
