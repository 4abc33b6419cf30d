package io.bulwark.ledger.jcs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class Rfc8785CanonicalTextTests {

  private static boolean canonical(String text) {
    return Rfc8785CanonicalText.valueEnd(text, 0) == text.length();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "\"\"",
        "0",
        "-1",
        "4.5",
        "1e+30",
        "1e-27",
        "0.002",
        "333333333.3333333",
        "9007199254740992",
        "true",
        "false",
        "null",
        "{\"a\":1,\"b\":[true,false,null,\"x\"],\"c\":{\"d\":-0.5}}",
        "{\"B\":1,\"a\":2,\"\u20ac\":3,\"\uD83D\uDE00\":4}",
        "\"\\u000f\\n\\\"\\\\/€\uD83D\uDE00\"",
      })
  void canonicalTextIsRecognized(String text) {
    assertThat(canonical(text)).as(text).isTrue();
  }

  @Test
  void memberNameWithAnEscapeIsLeftToTheParser() {
    assertThat(canonical("{\"\\r\":1}")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"b\":1,\"a\":2}",
        "{\"a\":1,\"a\":1}",
        "{ \"a\":1}",
        "{\"a\": 1}",
        "[1, 2]",
        "\"\\u0041\"",
        "\"\\/\"",
        "\"\\u001F\"",
        "\"\\u0008\"",
        "\"\\u000a\"",
        "\"\\x\"",
        "\"\u0001\"",
        "\"\uD83D\"",
        "1.0",
        "1E2",
        "1e21",
        "-0",
        "01",
        "1.",
        ".5",
        "+1",
        "9007199254740993",
        "1e400",
        "[1,]",
        "{\"a\":}",
        "{\"a\"1}",
        "{\"\r\":1}",
        "{\"\uDE00\":1}",
        "\"unterminated",
        "tru",
        "nul",
        "{\"a\":1",
        "",
      })
  void nonCanonicalOrMalformedTextIsNot(String text) {
    assertThat(canonical(text)).as(text).isFalse();
  }

  @Test
  void valueEndsWhereItsTextEnds() {
    String line = "{\"entry\":{\"a\":[1,2]},\"after\":true}";

    assertThat(Rfc8785CanonicalText.valueEnd(line, 9)).isEqualTo(line.indexOf(",\"after\""));
  }

  @Test
  void nestingBeyondTheLimitIsLeftToTheParser() {
    String deep =
        "[".repeat(Rfc8785CanonicalText.MAX_DEPTH + 1)
            + "]".repeat(Rfc8785CanonicalText.MAX_DEPTH + 1);
    String limit =
        "[".repeat(Rfc8785CanonicalText.MAX_DEPTH) + "]".repeat(Rfc8785CanonicalText.MAX_DEPTH);

    assertThat(canonical(deep)).isFalse();
    assertThat(canonical(limit)).isTrue();
  }

  @Test
  void whatTheCanonicalizerWritesIsRecognizedAndWhateverIsRecognizedIsWhatItWrites() {
    Random random = new Random(8785);
    String alphabet = "ab\"\\/ \u0000\u0008\u001f\u007f€\uD83D\uDE00{}[]:,0123456789.eE+-";
    for (int trial = 0; trial < 3000; trial++) {
      String text = Rfc8785Canonicalizer.canonicalString(randomValue(random, 4));
      assertThat(canonical(text)).as(text).isTrue();

      // One character changed, inserted or removed: if still recognized, it must be the
      // canonical form of what it parses to.
      StringBuilder mutated = new StringBuilder(text);
      int at = random.nextInt(text.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> {
          if (at < mutated.length()) {
            mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          }
        }
        case 1 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        default -> {
          if (at < mutated.length()) {
            mutated.deleteCharAt(at);
          }
        }
      }
      String candidate = mutated.toString();
      if (canonical(candidate)) {
        assertThat(
                new String(
                    Rfc8785Canonicalizer.canonicalize(candidate),
                    java.nio.charset.StandardCharsets.UTF_8))
            .as("recognized %s (from %s)", candidate, text)
            .isEqualTo(candidate);
      }
    }
  }

  private static final String CHARACTERS = "aZ0 \"\\/\u0000\u0007\b\t\n\u001f\u007fé€\uD83D\uDE00";

  /** Names are compared as written, so the ones with escapes are left to the parser. */
  private static final String NAME_CHARACTERS = "aZ0 /\u007fé€\uD83D\uDE00";

  private static JsonNode randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    return switch (kind) {
      case 0 -> JsonNodeFactory.instance.nullNode();
      case 1 -> JsonNodeFactory.instance.booleanNode(random.nextBoolean());
      case 2 -> JsonNodeFactory.instance.numberNode(random.nextInt() >> random.nextInt(32));
      case 3 ->
          JsonNodeFactory.instance.numberNode(
              random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30));
      case 4 -> JsonNodeFactory.instance.numberNode(random.nextLong() >> 11);
      case 5, 6 -> JsonNodeFactory.instance.stringNode(randomString(random, CHARACTERS));
      case 7 -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(randomValue(random, depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          object.set(randomString(random, NAME_CHARACTERS), randomValue(random, depth - 1));
        }
        yield object;
      }
    };
  }

  private static String randomString(Random random, String characters) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      int at = random.nextInt(characters.length());
      char c = characters.charAt(at);
      text.append(c);
      if (Character.isHighSurrogate(c)) {
        text.append(characters.charAt(at + 1));
      } else if (Character.isLowSurrogate(c)) {
        text.setLength(text.length() - 1);
      }
    }
    return text.toString();
  }
}
