package io.bulwark.audit.internal;

import io.bulwark.audit.AuditCsvExport;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CSV export of a log range, read from one repeatable-read snapshot in pages joined with the
 * stored leaf hashes (in hex). Columns are the entry's flat fields; nested ones are flattened with
 * an underscore ({@code actor_id}), and {@code details} is its RFC 8785 canonical JSON text.
 */
@Service
class JdbcCsvAuditExport implements AuditCsvExport {

  /** The header row; a value absent from an entry is an empty field. */
  static final List<String> COLUMNS =
      List.of(
          "index",
          "leaf_hash",
          "pruned",
          "id",
          "occurred_at",
          "recorded_at",
          "category",
          "action",
          "outcome",
          "actor_type",
          "actor_id",
          "actor_display",
          "actor_ip",
          "actor_user_agent",
          "resource_type",
          "resource_id",
          "purpose",
          "justification",
          "break_glass",
          "classification",
          "correlation_id",
          "trace_id",
          "details");

  private static final int PAGE = 1000;
  private static final JsonMapper STRICT = Rfc8785Canonicalizer.strictMapper();

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshots;

  JdbcCsvAuditExport(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.snapshots = new TransactionTemplate(transactionManager);
    this.snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshots.setReadOnly(true);
  }

  @Override
  public void export(TenantId tenant, long from, long to, Writer out) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("range [" + from + ", " + to + ") is not valid");
    }
    TenantContext.runAs(
        tenant,
        () ->
            snapshots.executeWithoutResult(status -> {
              Rfc4180CsvWriter csv = new Rfc4180CsvWriter(out);
              csv.record(COLUMNS);
              long next = from;
              while (next < to) {
                List<Row> page =
                    jdbc.sql(
                            "select idx, body, leaf_hash from audit_entries"
                                + " where tenant_id = ? and idx >= ? and idx < ?"
                                + " order by idx limit ?")
                        .params(tenant.value(), next, to, PAGE)
                        .query(
                            (row, n) -> new Row(row.getLong(1), row.getBytes(2), row.getBytes(3)))
                        .list();
                if (page.isEmpty()) {
                  throw damaged();
                }
                for (Row row : page) {
                  if (row.index() != next || row.leafHash() == null) {
                    throw damaged();
                  }
                  csv.record(fields(row));
                  next++;
                }
              }
            }));
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> fields(long index, Sha256Hash leafHash, @Nullable JsonNode entry) {
    List<String> fields = new ArrayList<>(COLUMNS.size());
    fields.add(Long.toString(index));
    // Hex, not base64: base64 may start with '+', which formula defusing would have to alter.
    fields.add(leafHash.toHex());
    fields.add(Boolean.toString(entry == null));
    for (String column : COLUMNS.subList(3, COLUMNS.size())) {
      fields.add(entry == null ? "" : value(entry, column));
    }
    return fields;
  }

  private static List<String> fields(Row row) {
    JsonNode entry = null;
    if (row.body() != null) {
      try {
        entry = STRICT.readTree(row.body());
      } catch (JacksonException e) {
        throw damaged();
      }
    }
    return fields(row.index(), Sha256Hash.of(row.leafHash()), entry);
  }

  private static String value(JsonNode entry, String column) {
    JsonNode node =
        switch (column) {
          case "actor_type", "actor_id", "actor_display", "actor_ip", "actor_user_agent" ->
              entry.path("actor").get(column.substring("actor_".length()));
          case "resource_type", "resource_id" ->
              entry.path("resource").get(column.substring("resource_".length()));
          default -> entry.get(column);
        };
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "";
    }
    if (node.isString()) {
      return node.asString();
    }
    return Rfc8785Canonicalizer.canonicalString(node);
  }

  private static ApiProblem damaged() {
    return new ApiProblem(
        ProblemType.AUDIT_LOG_DAMAGED,
        "The audit log no longer matches its own Merkle tree; POST …/audit/verify names the first"
            + " bad entry");
  }

  private record Row(long index, byte @Nullable [] body, byte @Nullable [] leafHash) {
    @Override
    public String toString() {
      return "Row[index=" + index + "]";
    }
  }
}
