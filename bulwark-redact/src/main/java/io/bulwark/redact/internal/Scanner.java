package io.bulwark.redact.internal;

import io.bulwark.redact.Detector;
import io.bulwark.redact.FindingSink;
import io.bulwark.redact.Trigger;
import java.util.Arrays;
import java.util.List;

/**
 * The single-pass scanner: walks the text once, classifying each character with a table lookup,
 * and calls detectors only at their trigger positions (token starts with a registered first
 * character or prefix, registered symbols, assignment keys). Detectors report findings and return
 * where scanning resumes, so every character is examined a bounded number of times.
 */
public final class Scanner {

  private static final int MAX_KEY_LENGTH = 64;
  private static final byte PLAIN = 0;
  private static final byte TOKEN = 1;
  private static final byte SYMBOL = 2;

  private record PrefixEntry(String literal, boolean ignoreCase, Detector detector) {}

  private record KeywordEntry(String keyword, Detector detector) {}

  private final byte[] classes = new byte[128];
  private final PrefixEntry[][] prefixes = new PrefixEntry[128][];
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
          case Trigger.Prefix p -> {
            char first = p.literal().charAt(0);
            add(prefixes, first, new PrefixEntry(p.literal(), p.ignoreCase(), detector));
            if (p.ignoreCase() && Chars.isLetter(first)) {
              char other = Chars.isUpper(first) ? Chars.lower(first) : Character.toUpperCase(first);
              add(prefixes, other, new PrefixEntry(p.literal(), true, detector));
            }
          }
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

  private static <T> void add(T[][] table, char c, T value) {
    T[] current = table[c];
    if (current == null) {
      @SuppressWarnings("unchecked")
      T[] fresh =
          (T[]) java.lang.reflect.Array.newInstance(table.getClass().getComponentType().getComponentType(), 1);
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
    final int n = text.length();
    final byte[] cls = classes;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c >= 128) {
        i++;
        continue;
      }
      byte k = cls[c];
      if (k == PLAIN) {
        i++;
      } else if (k == TOKEN) {
        i = onToken(text, i, c, sink);
      } else {
        i = onSymbol(text, i, c, sink);
      }
    }
  }

  private int onToken(String text, int start, char first, FindingSink sink) {
    PrefixEntry[] candidates = prefixes[first];
    if (candidates != null) {
      for (PrefixEntry entry : candidates) {
        if (Chars.startsWith(text, start, entry.literal, entry.ignoreCase)) {
          int resume = entry.detector.detect(text, start, sink);
          if (resume > start) {
            return skipTokenTail(text, resume);
          }
        }
      }
    }
    Detector[] starters = tokenStarts[first];
    if (starters != null) {
      for (Detector detector : starters) {
        int resume = detector.detect(text, start, sink);
        if (resume > start) {
          return skipTokenTail(text, resume);
        }
      }
    }
    int end = Chars.tokenEnd(text, start + 1);
    if (hasKeywords && end < text.length()) {
      return onPossibleKey(text, start, end, sink);
    }
    return end;
  }

  private int onPossibleKey(String text, int tokenStart, int end, FindingSink sink) {
    int n = text.length();
    int j = end;
    char c = text.charAt(j);
    if (c == '\\' && j + 1 < n && text.charAt(j + 1) == '"') {
      j += 2;
      c = j < n ? text.charAt(j) : 0;
    } else if (c == '"' || c == '\'') {
      j++;
      c = j < n ? text.charAt(j) : 0;
    }
    int spaces = 0;
    while (c == ' ' && spaces < 3) {
      j++;
      spaces++;
      c = j < n ? text.charAt(j) : 0;
    }
    if (c != '=' && c != ':') {
      return end;
    }
    char last = Chars.lower(text.charAt(end - 1));
    if (last >= 128) {
      return end;
    }
    KeywordEntry[] entries = keywordsByLastChar[last];
    if (entries == null) {
      return end;
    }
    int keyStart = tokenStart;
    int limit = Math.max(0, end - MAX_KEY_LENGTH);
    while (keyStart > limit) {
      char p = text.charAt(keyStart - 1);
      if (Chars.isToken(p) || p == '-' || p == '.') {
        keyStart--;
      } else {
        break;
      }
    }
    while (keyStart < tokenStart && !Chars.isAlnum(text.charAt(keyStart))) {
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
          return skipTokenTail(text, resume);
        }
        return end;
      }
    }
    return end;
  }

  private int onSymbol(String text, int at, char symbol, FindingSink sink) {
    for (Detector detector : symbols[symbol]) {
      int resume = detector.detect(text, at, sink);
      if (resume > at) {
        return skipTokenTail(text, resume);
      }
    }
    return at + 1;
  }

  /** Never resume in the middle of a token: that would create a token start that is not one. */
  private static int skipTokenTail(String text, int resume) {
    int n = text.length();
    if (resume >= n) {
      return n;
    }
    if (resume > 0 && Chars.isToken(text.charAt(resume - 1))) {
      return Chars.tokenEnd(text, resume);
    }
    return resume;
  }

}
