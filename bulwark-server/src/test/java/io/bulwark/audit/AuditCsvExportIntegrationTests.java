package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batch;
import static io.bulwark.audit.AuditFixtures.batchOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@BulwarkIntegrationTest
class AuditCsvExportIntegrationTests {

  private static final String HEADER =
      "index,leaf_hash,pruned,id,occurred_at,recorded_at,category,action,outcome,actor_type,"
          + "actor_id,actor_display,actor_ip,actor_user_agent,resource_type,resource_id,purpose,"
          + "justification,break_glass,classification,correlation_id,trace_id,details";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
  }

  @Test
  void csvExportHasAHeaderAndOneRfc4180RowPerEntry() {
    append(batchOf(0, 3));
    ledger.checkpointNow(acme.tenant);

    Response export = api.get(acme.path("/export?format=csv")).bearer(acme.token).send();

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("text/csv");
    assertThat(export.header("Content-Disposition")).contains(acme.slug + "-audit-0-3.csv");
    assertThat(export.header("Cache-Control")).contains("no-store");
    assertThat(export.body()).endsWith("\r\n");
    List<List<String>> rows = parse(export.body());
    assertThat(String.join(",", rows.getFirst())).isEqualTo(HEADER);
    assertThat(rows).hasSize(4);
    List<String> second = rows.get(2);
    assertThat(column(second, "index")).isEqualTo("1");
    assertThat(column(second, "pruned")).isEqualTo("false");
    assertThat(column(second, "action")).isEqualTo("secret.read1");
    assertThat(column(second, "actor_id")).isEqualTo("u-1");
    assertThat(column(second, "actor_display")).isEqualTo("Jane Roe");
    assertThat(column(second, "resource_id")).isEqualTo("db-password");
    assertThat(column(second, "break_glass")).isEqualTo("false");
    assertThat(column(second, "classification")).isEqualTo("customer_sensitive");
    assertThat(column(second, "details"))
        .isEqualTo("{\"n\":1,\"ratio\":0.5,\"tags\":[\"a\",\"b\"]}");
    assertThat(export.body()).contains(",\"{\"\"n\"\":1,\"\"ratio\"\":0.5,");
    String leafHash =
        api.get(acme.path("/proofs/inclusion?index=1&size=3"))
            .bearer(acme.token)
            .send()
            .json()
            .get("leaf_hash")
            .asString();
    assertThat(column(second, "leaf_hash")).isEqualTo(Sha256Hash.fromBase64(leafHash).toHex());
  }

  @Test
  void acceptTextCsvAsksForCsvAndPartialRangesWork() {
    append(batchOf(0, 5));
    ledger.checkpointNow(acme.tenant);

    Response export =
        api.get(acme.path("/export?from=1&to=3"))
            .bearer(acme.token)
            .header("Accept", "text/csv")
            .send();

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("text/csv");
    List<List<String>> rows = parse(export.body());
    assertThat(rows).hasSize(3);
    assertThat(column(rows.get(1), "index")).isEqualTo("1");
    assertThat(column(rows.get(2), "index")).isEqualTo("2");
  }

  @Test
  void cellsThatASpreadsheetWouldRunAsAFormulaAreDefused() {
    String hostile =
        """
        {"occurred_at": "2025-01-31T12:00:00Z", "category": "data_access",
         "action": "record.read", "outcome": "success",
         "actor": {"type": "user", "id": "=HYPERLINK(\\"http://evil.example\\",\\"x\\")",
                   "display": "+1+cmd|' /C calc'!A0", "user_agent": "@SUM(1+1)"},
         "resource": {"type": "record", "id": "-2+3"},
         "purpose": "plain, with a comma", "justification": "say \\"two\\"",
         "details": {"note": "=1+1"}}\
        """;
    append(batch(hostile));
    ledger.checkpointNow(acme.tenant);

    Response export = api.get(acme.path("/export?format=csv")).bearer(acme.token).send();

    assertThat(export.status()).isEqualTo(200);
    List<String> row = parse(export.body()).get(1);
    assertThat(column(row, "actor_id")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
    assertThat(column(row, "actor_display")).isEqualTo("'+1+cmd|' /C calc'!A0");
    assertThat(column(row, "actor_user_agent")).isEqualTo("'@SUM(1+1)");
    assertThat(column(row, "resource_id")).isEqualTo("'-2+3");
    assertThat(column(row, "purpose")).isEqualTo("plain, with a comma");
    assertThat(column(row, "justification")).isEqualTo("say \"two\"");
    assertThat(column(row, "details")).isEqualTo("{\"note\":\"=1+1\"}");
    assertThat(export.body())
        .contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",")
        .doesNotContain(",=")
        .doesNotContain(",+")
        .doesNotContain(",@");
  }

  @Test
  void unknownFormatAndBadRangesAreRejectedBeforeAnythingIsSent() {
    append(batchOf(0, 2));
    ledger.checkpointNow(acme.tenant);

    Response xml = api.get(acme.path("/export?format=xml")).bearer(acme.token).send();
    assertThat(xml.status()).isEqualTo(400);
    assertThat(xml.problemType()).isEqualTo("https://bulwark.io/problems/invalid-parameter");
    assertThat(xml.json().get("parameter").asString()).isEqualTo("format");

    Response beyond =
        api.get(acme.path("/export?to=9")).bearer(acme.token).header("Accept", "text/csv").send();
    assertThat(beyond.status()).isEqualTo(400);
    assertThat(beyond.problemType()).isEqualTo("https://bulwark.io/problems/invalid-parameter");
    assertThat(beyond.json().get("parameter").asString()).isEqualTo("to");
    assertThat(beyond.header("Content-Disposition")).isNull();

    Response writer =
        api.get(acme.path("/export?format=csv")).bearer(acme.writerOnlyToken()).send();
    assertThat(writer.status()).isEqualTo(403);
    assertThat(writer.problemType()).isEqualTo("https://bulwark.io/problems/forbidden");
  }

  private void append(String batch) {
    Response appended = api.post(acme.path("/events")).bearer(acme.token).json(batch).send();
    assertThat(appended.status()).as(appended.body()).isEqualTo(201);
  }

  private static String column(List<String> row, String name) {
    return row.get(List.of(HEADER.split(",")).indexOf(name));
  }

  /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (c == '"' && field.isEmpty()) {
        i++;
        while (true) {
          char q = csv.charAt(i);
          if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
          } else if (q == '"') {
            i++;
            break;
          } else {
            field.append(q);
            i++;
          }
        }
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else {
        assertThat(c).as("bare CR, LF or quote at " + i).isNotIn('\r', '\n', '"');
        field.append(c);
        i++;
      }
    }
    assertThat(row).as("the last record ends with CRLF").isEmpty();
    return rows;
  }
}
