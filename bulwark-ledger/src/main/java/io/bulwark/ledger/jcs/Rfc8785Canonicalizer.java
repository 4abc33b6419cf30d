package io.bulwark.ledger.jcs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes a JSON value in the RFC 8785 canonical form: no whitespace, object members sorted by
 * the UTF-16 code units of their names, strings escaped as ECMAScript's {@code JSON.stringify}
 * does, numbers as IEEE 754 doubles printed by ECMAScript's {@code Number.prototype.toString}.
 *
 * <p>Values outside the I-JSON data model are rejected with {@link IllegalArgumentException} rather
 * than silently changed: NaN and infinities, integers that a double cannot hold (beyond ±2^53,
 * unless exactly representable or already written as ECMAScript prints that double, e.g. {@code
 * 295147905179352830000}), strings with unpaired surrogates. Messages never contain the offending
 * value, which may be personal data.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785#section-3.2">RFC 8785 §3.2</a>
 */
public final class Rfc8785Canonicalizer {

  private static final JsonMapper STRICT_MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final double EXACT_INTEGER_LIMIT = 0x1p53;

  private Rfc8785Canonicalizer() {}

  /**
   * A mapper for reading JSON that will be canonicalized: duplicate member names and trailing
   * content are errors (RFC 8785 §3.1 requires I-JSON input).
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc8785#section-3.1">RFC 8785 §3.1</a>
   */
  public static JsonMapper strictMapper() {
    return STRICT_MAPPER;
  }

  /**
   * The canonical form of {@code value}, UTF-8 encoded: the leaf data of an entry.
   *
   * @throws IllegalArgumentException if the value is outside the I-JSON data model
   * @see <a href="https://www.rfc-editor.org/rfc/rfc8785#section-3.2.4">RFC 8785 §3.2.4</a>
   */
  public static byte[] canonicalize(JsonNode value) {
    return canonicalString(value).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical form of {@code value} as a string.
   *
   * @throws IllegalArgumentException if the value is outside the I-JSON data model
   */
  public static String canonicalString(JsonNode value) {
    StringBuilder out = new StringBuilder(256);
    write(value, out);
    return out.toString();
  }

  /**
   * Parses {@code json} strictly and returns its canonical UTF-8 form.
   *
   * @throws IllegalArgumentException if the text is not a single I-JSON value
   */
  public static byte[] canonicalize(String json) {
    JsonNode value;
    try {
      value = STRICT_MAPPER.readTree(json);
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("not a single well-formed JSON value", e);
    }
    return canonicalize(value);
  }

  /**
   * ECMAScript {@code Number.prototype.toString} of a finite double: the shortest decimal that
   * rounds to it, in plain notation for exponents −6 to 21 and exponential notation otherwise.
   *
   * @throws IllegalArgumentException for NaN and infinities
   * @see <a href="https://www.rfc-editor.org/rfc/rfc8785#section-3.2.2.3">RFC 8785 §3.2.2.3</a>
   */
  public static String formatNumber(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("NaN and infinities are not JSON numbers");
    }
    if (value == 0) {
      return "0";
    }
    if (Math.abs(value) < EXACT_INTEGER_LIMIT && value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    return EcmaScriptNumber.format(value);
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonNode element : node.values()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(element, out);
        }
        out.append(']');
      }
      case STRING -> appendString(out, node.stringValue());
      case NUMBER -> out.append(formatNumber(toDouble(node)));
      case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      case BINARY, POJO, MISSING ->
          throw new IllegalArgumentException(
              "a " + node.getNodeType() + " node has no JSON representation");
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
    members.sort(Map.Entry.comparingByKey());
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : members) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendString(out, member.getKey());
      out.append(':');
      write(member.getValue(), out);
    }
    out.append('}');
  }

  private static double toDouble(JsonNode number) {
    if (number.isIntegralNumber()) {
      BigInteger integer = number.bigIntegerValue();
      double value = integer.doubleValue();
      if (Double.isInfinite(value)) {
        throw new IllegalArgumentException("integer overflows an IEEE 754 double");
      }
      boolean exact = new BigDecimal(value).toBigInteger().equals(integer);
      if (!exact && !formatNumber(value).equals(integer.toString())) {
        throw new IllegalArgumentException(
            "integer is not exactly representable as an IEEE 754 double (I-JSON)");
      }
      return value;
    }
    if (number.isBigDecimal()) {
      double value = Double.parseDouble(number.decimalValue().toString());
      if (Double.isInfinite(value)) {
        throw new IllegalArgumentException("number overflows an IEEE 754 double");
      }
      return value;
    }
    return number.doubleValue();
  }

  /**
   * Appends a JSON string as RFC 8785 §3.2.2.2 writes it (ECMAScript {@code JSON.stringify}):
   * quotes, backslash and control characters escaped, everything else as it is. For producers that
   * write canonical JSON directly rather than through a tree.
   *
   * @throws IllegalArgumentException when the string holds an unpaired surrogate
   */
  public static void appendString(StringBuilder out, String value) {
    out.append('"');
    int length = value.length();
    int plain = 0;
    while (plain < length && plain(value.charAt(plain))) {
      plain++;
    }
    out.append(value, 0, plain);
    for (int i = plain; i < length; i++) {
      char c = value.charAt(i);
      if (plain(c)) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < length
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else {
            throw new IllegalArgumentException("string contains an unpaired surrogate");
          }
        }
      }
    }
    out.append('"');
  }

  /** Whether a character is written as it is, with no escape or pairing to check. */
  private static boolean plain(char c) {
    return c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c);
  }
}
