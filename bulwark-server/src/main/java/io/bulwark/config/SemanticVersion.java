package io.bulwark.config;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigInteger;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Semantic Versioning 2.0.0 version, compared by precedence (build metadata ignored; a
 * pre-release ranks below its release; pre-release identifiers compare numerically when numeric).
 *
 * @see <a href="https://semver.org/spec/v2.0.0.html#spec-item-11">SemVer 2.0.0 §11</a>
 */
record SemanticVersion(
    BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease)
    implements Comparable<SemanticVersion> {

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})\\.(0|[1-9]\\d{0,17})"
              + "(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
              + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  private static final int MAX_LENGTH = 128;

  static @Nullable SemanticVersion parse(String text) {
    if (text.length() > MAX_LENGTH) {
      return null;
    }
    Matcher matcher = SEMVER.matcher(text);
    if (!matcher.matches()) {
      return null;
    }
    String pre = matcher.group(4);
    return new SemanticVersion(
        new BigInteger(matcher.group(1)),
        new BigInteger(matcher.group(2)),
        new BigInteger(matcher.group(3)),
        pre == null ? List.of() : List.of(pre.split("\\.")));
  }

  @Override
  public int compareTo(SemanticVersion other) {
    int result = major.compareTo(other.major);
    if (result == 0) {
      result = minor.compareTo(other.minor);
    }
    if (result == 0) {
      result = patch.compareTo(other.patch);
    }
    if (result != 0) {
      return result;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      int identifiers = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
      if (identifiers != 0) {
        return identifiers;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  private static int compareIdentifiers(String a, String b) {
    boolean numericA = a.chars().allMatch(Character::isDigit);
    boolean numericB = b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
