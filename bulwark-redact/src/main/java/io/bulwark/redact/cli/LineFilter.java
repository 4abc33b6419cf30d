package io.bulwark.redact.cli;

import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.Finding;
import io.bulwark.redact.Redactor;
import io.bulwark.redact.json.JsonRedactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The stdin filter. Lines are decoded as ISO-8859-1, one char per byte, so any byte sequence
 * (invalid UTF-8 included) passes through unchanged and clean lines are written straight from the
 * input buffer; detectors only look at ASCII, so UTF-8 text is handled correctly. Private key
 * blocks spanning lines are suppressed up to their {@code -----END} line.
 */
final class LineFilter {

  private static final int MAX_LINE = 16 << 20;
  private static final byte[] NEWLINE = {'\n'};

  private final Redactor redactor;
  private final JsonRedactor jsonRedactor;
  private final boolean json;
  private final boolean findingsOnly;
  private boolean inPrivateKey;

  LineFilter(Redactor redactor, boolean json, boolean findingsOnly) {
    this.redactor = redactor;
    this.jsonRedactor = JsonRedactor.builder().redactor(redactor).build();
    this.json = json;
    this.findingsOnly = findingsOnly;
  }

  void run(InputStream in, OutputStream rawOut) throws IOException {
    var out = new java.io.BufferedOutputStream(rawOut, 1 << 20);
    Report report = findingsOnly ? new Report(out) : null;
    byte[] buffer = new byte[1 << 20];
    int filled = 0;
    long lineNumber = 0;
    while (true) {
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        if (filled > 0) {
          line(buffer, 0, filled, false, ++lineNumber, out, report);
        }
        break;
      }
      int searchFrom = filled;
      filled += read;
      // String.indexOf is vectorized; the bytes are searched once, as Latin-1
      String fresh = new String(buffer, searchFrom, read, StandardCharsets.ISO_8859_1);
      int start = 0;
      int newline = fresh.indexOf('\n');
      while (newline >= 0) {
        int end = searchFrom + newline;
        line(buffer, start, end, true, ++lineNumber, out, report);
        start = end + 1;
        newline = fresh.indexOf('\n', newline + 1);
      }
      if (start == 0 && filled == buffer.length) {
        if (buffer.length >= MAX_LINE) {
          // an endless line: cut at the last space so values are rarely split
          int cut = lastSpace(buffer, filled);
          line(buffer, 0, cut, false, ++lineNumber, out, report);
          start = cut;
        } else {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
      }
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, filled - start);
        filled -= start;
      }
    }
    if (report != null) {
      report.finish(lineNumber);
    }
    out.flush();
  }

  private static int lastSpace(byte[] buffer, int filled) {
    for (int i = filled - 1; i > filled / 2; i--) {
      if (buffer[i] == ' ' || buffer[i] == '\t') {
        return i + 1;
      }
    }
    return filled;
  }

  private void line(
      byte[] buffer,
      int from,
      int to,
      boolean newline,
      long number,
      OutputStream out,
      Report report)
      throws IOException {
    String line = new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
    if (inPrivateKey) {
      int end = line.indexOf("-----END ");
      if (end < 0) {
        return;
      }
      inPrivateKey = false;
      int close = line.indexOf("-----", end + 9);
      line = close < 0 ? "" : line.substring(close + 5);
      if (line.isEmpty()) {
        return;
      }
      from = -1;
    }
    if (report != null) {
      List<Finding> findings = redactor.scan(line);
      enterPrivateKeyBlock(line, findings);
      report.add(number, findings);
      return;
    }
    String redacted;
    if (json && !line.isBlank()) {
      try {
        redacted = jsonRedactor.redact(line);
      } catch (JacksonException notJson) {
        redacted = redactText(line);
      }
    } else {
      redacted = redactText(line);
    }
    if (redacted == line && from >= 0) {
      out.write(buffer, from, to - from);
    } else {
      out.write(redacted.getBytes(StandardCharsets.ISO_8859_1));
    }
    if (newline) {
      out.write(NEWLINE);
    }
  }

  private String redactText(String line) {
    List<Finding> findings = redactor.scan(line);
    if (findings.isEmpty()) {
      return line;
    }
    enterPrivateKeyBlock(line, findings);
    return redactor.mask(line, findings);
  }

  private void enterPrivateKeyBlock(String line, List<Finding> findings) {
    if (!findings.isEmpty()) {
      Finding last = findings.getLast();
      if (last.type().equals(DetectorTypes.PRIVATE_KEY)
          && last.end() == line.length()
          && line.indexOf("-----END ", last.start()) < 0) {
        inPrivateKey = true;
      }
    }
  }

  /** Streams the findings report as one JSON document. */
  private static final class Report {
    private final JsonGenerator generator;
    private final Map<String, Integer> byType = new TreeMap<>();
    private long total;

    Report(OutputStream out) {
      generator = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out);
      generator.writeStartObject();
      generator.writeName("findings");
      generator.writeStartArray();
    }

    void add(long line, List<Finding> findings) {
      for (Finding finding : findings) {
        generator.writeStartObject();
        generator.writeNumberProperty("line", line);
        generator.writeStringProperty("type", finding.type());
        generator.writeNumberProperty("start", finding.start());
        generator.writeNumberProperty("end", finding.end());
        generator.writeNumberProperty("confidence", finding.confidence());
        generator.writeEndObject();
        byType.merge(finding.type(), 1, Integer::sum);
        total++;
      }
    }

    void finish(long lines) {
      generator.writeEndArray();
      generator.writeName("summary");
      generator.writeStartObject();
      generator.writeNumberProperty("lines", lines);
      generator.writeNumberProperty("findings", total);
      generator.writeName("byType");
      generator.writeStartObject();
      byType.forEach(generator::writeNumberProperty);
      generator.writeEndObject();
      generator.writeEndObject();
      generator.writeEndObject();
      generator.flush();
    }
  }
}
