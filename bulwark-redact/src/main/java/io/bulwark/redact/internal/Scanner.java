package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The single-pass scanner: walks the text once, classifying each character with a table lookup, and
 * calls detectors only at their trigger positions (token starts with a registered first character
 * or prefix, registered symbols, assignment keys). Detectors report findings and return where
 * scanning resumes, so every character is examined a bounded number of times.
 */
public final class Scanner {

  private static final int MAX_KEY_LENGTH = 64;
  private static final byte PLAIN = 0;
  private static final byte TOKEN = 1;
  private static final byte SYMBOL = 2;

  private record PrefixEntry(String literal, boolean ignoreCase, Detector detector) {}

  private record KeywordEntry(String keyword, Detector detector) {}

  private static final boolean[] TOKEN_CHARS = new boolean[256];

  static {
    for (int c = 0; c < 128; c++) {
      TOKEN_CHARS[c] = Chars.isToken((char) c);
    }
  }

  private final byte[] classes = new byte[256];

  /** Indexed by the first two characters of the prefix, {@code (c0 << 7) | c1}. */
  private final PrefixEntry[][] prefixes = new PrefixEntry[128 * 128][];

  private final Detector[][] tokenStarts = new Detector[128][];
  private final Detector[][] symbols = new Detector[128][];
  private final KeywordEntry[][] keywordsByLastChar = new KeywordEntry[128][];
  private final boolean hasKeywords;

  public Scanner(List<Detector> detectors) {
    for (int c = 0; c < 128; c++) {
      classes[c] = Chars.isToken((char) c) ? TOKEN : PLAIN;
    }
    boolean keywords = false;
    for (Detector detector : detectors) {
      for (Trigger trigger : detector.triggers()) {
        switch (trigger) {
          case Trigger.Prefix p -> addPrefix(p, detector);
          case Trigger.TokenStart t -> {
            for (int i = 0; i < t.firstCharacters().length(); i++) {
              char c = t.firstCharacters().charAt(i);
              if (!contains(tokenStarts[c], detector)) {
                add(tokenStarts, c, detector);
              }
            }
          }
          case Trigger.Symbol s -> {
            classes[s.symbol()] = SYMBOL;
            add(symbols, s.symbol(), detector);
          }
          case Trigger.AssignmentKey k -> {
            keywords = true;
            for (String keyword : k.keywords()) {
              String lower = keyword.toLowerCase(java.util.Locale.ROOT);
              add(
                  keywordsByLastChar,
                  lower.charAt(lower.length() - 1),
                  new KeywordEntry(lower, detector));
            }
          }
        }
      }
    }
    this.hasKeywords = keywords;
  }

  private void addPrefix(Trigger.Prefix prefix, Detector detector) {
    String literal = prefix.literal();
    if (literal.length() < 2 || literal.charAt(1) >= 128) {
      throw new IllegalArgumentException("prefix triggers need two ASCII characters: " + literal);
    }
    var entry = new PrefixEntry(literal, prefix.ignoreCase(), detector);
    for (char c0 : variants(literal.charAt(0), prefix.ignoreCase())) {
      for (char c1 : variants(literal.charAt(1), prefix.ignoreCase())) {
        add(prefixes, (char) ((c0 << 7) | c1), entry);
      }
    }
  }

  private static char[] variants(char c, boolean ignoreCase) {
    if (ignoreCase && Chars.isLetter(c)) {
      return new char[] {Chars.lower(c), Character.toUpperCase(c)};
    }
    return new char[] {c};
  }

  private static <T> void add(T[][] table, char c, T value) {
    T[] current = table[c];
    if (current == null) {
      @SuppressWarnings("unchecked")
      T[] fresh =
          (T[])
              java.lang.reflect.Array.newInstance(
                  table.getClass().getComponentType().getComponentType(), 1);
      fresh[0] = value;
      table[c] = fresh;
    } else {
      T[] grown = Arrays.copyOf(current, current.length + 1);
      grown[current.length] = value;
      table[c] = grown;
    }
  }

  private static boolean contains(Detector[] detectors, Detector detector) {
    if (detectors == null) {
      return false;
    }
    for (Detector d : detectors) {
      if (d == detector) {
        return true;
      }
    }
    return false;
  }

  /** Scans {@code text}, reporting findings to {@code sink}. Linear in the text length. */
  public void scan(String text, FindingSink sink) {
    byte[] bytes = asciiView(text);
    final int n = bytes.length;
    final byte[] cls = classes;
    int i = 0;
    while (i < n) {
      byte k = cls[bytes[i] & 0xFF];
      if (k == PLAIN) {
        i++;
      } else if (k == TOKEN) {
        i = onToken(text, bytes, i, sink);
      } else {
        i = onSymbol(text, bytes, i, sink);
      }
    }
  }

  /**
   * One byte per UTF-16 unit at the same index: ASCII stays, everything else becomes 0x80, which no
   * trigger uses. Latin-1 strings take the JDK's array-copy fast path.
   */
  private static byte[] asciiView(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (bytes.length == text.length()) {
      return bytes;
    }
    bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = text.charAt(i);
      bytes[i] = c < 128 ? (byte) c : (byte) 0x80;
    }
    return bytes;
  }

  private static int tokenEnd(byte[] bytes, int from) {
    int n = bytes.length;
    int i = from;
    while (i < n && TOKEN_CHARS[bytes[i] & 0xFF]) {
      i++;
    }
    return i;
  }

  private int onToken(String text, byte[] bytes, int start, FindingSink sink) {
    int first = bytes[start];
    if (start + 1 < bytes.length) {
      PrefixEntry[] candidates = prefixes[(first << 7) | (bytes[start + 1] & 0x7F)];
      if (candidates != null) {
        for (PrefixEntry entry : candidates) {
          if (Chars.startsWith(text, start, entry.literal, entry.ignoreCase)) {
            int resume = entry.detector.detect(text, start, sink);
            if (resume > start) {
              return skipTokenTail(bytes, resume);
            }
          }
        }
      }
    }
    Detector[] starters = tokenStarts[first];
    if (starters != null) {
      for (Detector detector : starters) {
        int resume = detector.detect(text, start, sink);
        if (resume > start) {
          return skipTokenTail(bytes, resume);
        }
      }
    }
    int end = tokenEnd(bytes, start + 1);
    if (hasKeywords && end < bytes.length) {
      return onPossibleKey(text, bytes, start, end, sink);
    }
    return end;
  }

  private int onPossibleKey(String text, byte[] bytes, int tokenStart, int end, FindingSink sink) {
    int n = bytes.length;
    int j = end;
    int c = bytes[j];
    if (c == '\\' && j + 1 < n && bytes[j + 1] == '"') {
      j += 2;
      c = j < n ? bytes[j] : 0;
    } else if (c == '"' || c == '\'') {
      j++;
      c = j < n ? bytes[j] : 0;
    }
    int spaces = 0;
    while (c == ' ' && spaces < 3) {
      j++;
      spaces++;
      c = j < n ? bytes[j] : 0;
    }
    if (c != '=' && c != ':') {
      return end;
    }
    KeywordEntry[] entries = keywordsByLastChar[Chars.lower((char) bytes[end - 1])];
    if (entries == null) {
      return end;
    }
    int keyStart = tokenStart;
    int limit = Math.max(0, end - MAX_KEY_LENGTH);
    while (keyStart > limit) {
      int p = bytes[keyStart - 1];
      if (TOKEN_CHARS[p & 0xFF] || p == '-' || p == '.') {
        keyStart--;
      } else {
        break;
      }
    }
    while (keyStart < tokenStart && !Chars.isAlnum((char) bytes[keyStart])) {
      keyStart++;
    }
    int keyLength = end - keyStart;
    for (KeywordEntry entry : entries) {
      String keyword = entry.keyword;
      int kl = keyword.length();
      if (kl > keyLength || (kl < 5 && kl != keyLength)) {
        continue;
      }
      if (Chars.startsWith(text, end - kl, keyword, true)) {
        int resume = entry.detector.detect(text, keyStart, sink);
        if (resume > end) {
          return skipTokenTail(bytes, resume);
        }
        return end;
      }
    }
    return end;
  }

  private int onSymbol(String text, byte[] bytes, int at, FindingSink sink) {
    for (Detector detector : symbols[bytes[at]]) {
      int resume = detector.detect(text, at, sink);
      if (resume > at) {
        return skipTokenTail(bytes, resume);
      }
    }
    return at + 1;
  }

  /** Never resume in the middle of a token: that would create a token start that is not one. */
  private static int skipTokenTail(byte[] bytes, int resume) {
    int n = bytes.length;
    if (resume >= n) {
      return n;
    }
    if (resume > 0 && TOKEN_CHARS[bytes[resume - 1] & 0xFF]) {
      return tokenEnd(bytes, resume);
    }
    return resume;
  }
}
