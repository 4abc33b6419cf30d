package io.bulwark.ledger.jcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;

class Rfc8785CanonicalizerTests {

  private static String canonical(String json) {
    return new String(Rfc8785Canonicalizer.canonicalize(json), StandardCharsets.UTF_8);
  }

  @Test
  void sampleOfSection322IsCanonicalized() {
    String input =
        """
        {
          "numbers": [333333333.33333329, 1E30, 4.50,
                      2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }
        """;

    byte[] canonical = Rfc8785Canonicalizer.canonicalize(input);

    assertThat(new String(canonical, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    assertThat(HexFormat.of().formatHex(canonical))
        .isEqualTo(
            String.join(
                "",
                "7b226c69746572616c73223a5b6e756c6c2c7472",
                "75652c66616c73655d2c226e756d62657273223a",
                "5b3333333333333333332e333333333333332c31",
                "652b33302c342e352c302e3030322c31652d3237",
                "5d2c22737472696e67223a22e282ac245c753030",
                "30665c6e4127425c225c5c5c5c5c222f227d"));
  }

  @Test
  void membersAreSortedByUtf16CodeUnitsAsInSection323() {
    String input =
        """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """;

    assertThat(canonical(input))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void nestedValuesAreCanonicalizedRecursivelyWithArrayOrderKept() {
    assertThat(canonical("{ \"b\" : [3, {\"z\": 1, \"a\": [true]}], \"a\" : {} , \"c\": [] }"))
        .isEqualTo("{\"a\":{},\"b\":[3,{\"a\":[true],\"z\":1}],\"c\":[]}");
  }

  @ParameterizedTest(name = "0x{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void numbersOfAppendixBAreSerializedAsEcmaScriptDoes(String bits, String expected) {
    double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

    assertThat(Rfc8785Canonicalizer.formatNumber(value)).isEqualTo(expected);
    assertThat(Rfc8785Canonicalizer.canonicalString(JsonNodeFactory.instance.numberNode(value)))
        .isEqualTo(expected);
  }

  @Test
  void nonFiniteNumbersOfAppendixBAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Rfc8785Canonicalizer.formatNumber(Double.NaN));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Rfc8785Canonicalizer.formatNumber(Double.POSITIVE_INFINITY));
  }

  @Test
  void randomDoublesUseShortestClosestDigitsInEcmaScriptLayout() {
    Random random = new Random(8785);
    for (int i = 0; i < 20_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        continue;
      }
      String formatted = Rfc8785Canonicalizer.formatNumber(value);

      assertThat(Double.parseDouble(formatted)).isEqualTo(value);
      assertThat(significantDigits(formatted)).isEqualTo(shortestDigits(value));
    }
  }

  @Test
  void integersUpToTwoToTheFiftyThirdPrintAsIntegers() {
    assertThat(canonical("[9007199254740991, -9007199254740991, 1.0, -0, 1e2, 100]"))
        .isEqualTo("[9007199254740991,-9007199254740991,1,0,100,100]");
  }

  @Test
  void integersThatADoubleCannotHoldAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> canonical("[9007199254740993]"))
        .withMessageContaining("not exactly representable");
    assertThat(canonical("[18014398509481984]")).isEqualTo("[18014398509481984]");
    assertThat(canonical("[295147905179352830000]")).isEqualTo("[295147905179352830000]");
    assertThat(canonical("[1152921504606846976]")).isEqualTo("[1152921504606847000]");
    assertThat(
            Rfc8785Canonicalizer.canonicalString(
                JsonNodeFactory.instance.numberNode(BigInteger.TEN.pow(22))))
        .isEqualTo("1e+22");
  }

  @Test
  void controlCharactersAreEscapedAndOtherCharactersKeptLiterally() {
    assertThat(
            Rfc8785Canonicalizer.canonicalString(
                JsonNodeFactory.instance.stringNode("\u0000\u001f\b\t\n\f\r\"\\/\u007f\u2028é😀")))
        .isEqualTo("\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u2028é😀\"");
  }

  @Test
  void unpairedSurrogatesAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            Rfc8785Canonicalizer.canonicalString(JsonNodeFactory.instance.stringNode("a\ud800b")))
        .withMessageContaining("unpaired surrogate");
    assertThatIllegalArgumentException()
        .isThrownBy(() ->
            Rfc8785Canonicalizer.canonicalString(JsonNodeFactory.instance.stringNode("\ude00")));
  }

  @Test
  void duplicateMemberNamesAndTrailingContentAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> canonical("{\"a\":1,\"a\":2}"));
    assertThatIllegalArgumentException().isThrownBy(() -> canonical("{\"a\":1} {}"));
  }

  private static String significantDigits(String formatted) {
    String mantissa = formatted.replace("-", "").split("e")[0].replace(".", "");
    return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
  }

  /** Shortest digits that round-trip, found by BigDecimal rounding: independent of toString. */
  private static String shortestDigits(double value) {
    BigDecimal exact = new BigDecimal(value).abs();
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == Math.abs(value)) {
        return rounded.unscaledValue().toString().replaceFirst("0+$", "");
      }
    }
    throw new AssertionError("no round-tripping decimal for " + value);
  }
}
