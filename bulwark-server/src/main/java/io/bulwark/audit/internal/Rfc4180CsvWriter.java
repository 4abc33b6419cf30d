package io.bulwark.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Writes CSV records as RFC 4180 §2 describes them: CRLF after every record, fields quoted when
 * they hold a comma, a double quote, CR or LF, and quotes inside doubled. A field that a
 * spreadsheet would run as a formula — one starting with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return — gets a leading apostrophe and is quoted, as OWASP
 * recommends, so the file opens as data.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4180#section-2">RFC 4180 §2</a>
 * @see <a href="https://owasp.org/www-community/attacks/CSV_Injection">OWASP CSV Injection</a>
 */
final class Rfc4180CsvWriter {

  private final Writer out;

  Rfc4180CsvWriter(Writer out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * @param fields the record's fields, in order; an empty string is an empty field
   */
  void record(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      appendField(line, fields.get(i));
    }
    line.append("\r\n");
    try {
      out.write(line.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String field(String value) {
    StringBuilder field = new StringBuilder();
    appendField(field, value);
    return field.toString();
  }

  private static void appendField(StringBuilder line, String value) {
    boolean formula = !value.isEmpty() && isFormulaStart(value.charAt(0));
    String text = formula ? "'" + value : value;
    if (!formula && !needsQuotes(text)) {
      line.append(text);
      return;
    }
    line.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        line.append('"');
      }
      line.append(c);
    }
    line.append('"');
  }

  private static boolean isFormulaStart(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
