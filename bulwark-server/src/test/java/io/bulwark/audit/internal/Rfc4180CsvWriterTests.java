package io.bulwark.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc4180CsvWriterTests {

  @Test
  void plainFieldsAreWrittenAsTheyAreAndRecordsEndWithCrlf() {
    StringWriter out = new StringWriter();
    Rfc4180CsvWriter csv = new Rfc4180CsvWriter(out);

    csv.record(List.of("a", "", "b c"));
    csv.record(List.of("1"));

    assertThat(out).hasToString("a,,b c\r\n1\r\n");
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
    assertThat(Rfc4180CsvWriter.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Rfc4180CsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Rfc4180CsvWriter.field("one\ntwo")).isEqualTo("\"one\ntwo\"");
    assertThat(Rfc4180CsvWriter.field("one\r\ntwo")).isEqualTo("\"one\r\ntwo\"");
  }

  @Test
  void fieldsStartingLikeAFormulaGetALeadingApostropheAndAreQuoted() {
    assertThat(Rfc4180CsvWriter.field("=1+1")).isEqualTo("\"'=1+1\"");
    assertThat(Rfc4180CsvWriter.field("+41 44 000")).isEqualTo("\"'+41 44 000\"");
    assertThat(Rfc4180CsvWriter.field("-2")).isEqualTo("\"'-2\"");
    assertThat(Rfc4180CsvWriter.field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    assertThat(Rfc4180CsvWriter.field("\tx")).isEqualTo("\"'\tx\"");
    assertThat(Rfc4180CsvWriter.field("\rx")).isEqualTo("\"'\rx\"");
    assertThat(Rfc4180CsvWriter.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
  }

  @Test
  void formulaCharactersLaterInAFieldAreLeftAlone() {
    assertThat(Rfc4180CsvWriter.field("a=b")).isEqualTo("a=b");
    assertThat(Rfc4180CsvWriter.field("x@example.com")).isEqualTo("x@example.com");
    assertThat(Rfc4180CsvWriter.field("'=quoted")).isEqualTo("'=quoted");
  }
}
