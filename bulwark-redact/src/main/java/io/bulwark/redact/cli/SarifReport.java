package io.bulwark.redact.cli;

import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes scan results as a SARIF 2.1.0 log (OASIS static analysis results interchange format), one
 * rule per detector type, locations relative to {@code %SRCROOT%}. Secret values are never written.
 *
 * @see <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF 2.1.0</a>
 */
final class SarifReport {

  private SarifReport() {}

  static void write(List<SecretScan.Result> results, Set<String> types, OutputStream out) {
    try (JsonGenerator json =
        new JsonFactory()
            .createGenerator(
                ObjectWriteContext.empty(),
                new java.io.FilterOutputStream(out) {
                  @Override
                  public void write(byte[] b, int off, int len) throws java.io.IOException {
                    out.write(b, off, len);
                  }

                  @Override
                  public void close() throws java.io.IOException {
                    flush();
                  }
                })) {
      json.writeStartObject();
      json.writeStringProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      json.writeStringProperty("version", "2.1.0");
      json.writeName("runs");
      json.writeStartArray();
      json.writeStartObject();
      json.writeName("tool");
      json.writeStartObject();
      json.writeName("driver");
      json.writeStartObject();
      json.writeStringProperty("name", "bulwark-redact");
      json.writeStringProperty(
          "informationUri", "https://github.com/bulwark/bulwark/blob/main/docs/redact.md");
      json.writeName("rules");
      json.writeStartArray();
      for (String type : new TreeSet<>(types)) {
        json.writeStartObject();
        json.writeStringProperty("id", type);
        json.writeName("shortDescription");
        json.writeStartObject();
        json.writeStringProperty(
            "text", "Hardcoded " + type.toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        json.writeEndObject();
        json.writeName("defaultConfiguration");
        json.writeStartObject();
        json.writeStringProperty("level", "error");
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
      json.writeName("columnKind");
      json.writeString("utf16CodeUnits");
      json.writeName("results");
      json.writeStartArray();
      for (SecretScan.Result result : results) {
        json.writeStartObject();
        json.writeStringProperty("ruleId", result.type());
        json.writeStringProperty("level", "error");
        json.writeName("message");
        json.writeStartObject();
        json.writeStringProperty("text", "Possible hardcoded secret (" + result.type() + ")");
        json.writeEndObject();
        json.writeName("locations");
        json.writeStartArray();
        json.writeStartObject();
        json.writeName("physicalLocation");
        json.writeStartObject();
        json.writeName("artifactLocation");
        json.writeStartObject();
        json.writeStringProperty("uri", result.path());
        json.writeStringProperty("uriBaseId", "%SRCROOT%");
        json.writeEndObject();
        json.writeName("region");
        json.writeStartObject();
        json.writeNumberProperty("startLine", result.line());
        json.writeNumberProperty("startColumn", result.column());
        json.writeNumberProperty("endLine", result.line());
        json.writeNumberProperty("endColumn", result.endColumn());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }
  }
}
