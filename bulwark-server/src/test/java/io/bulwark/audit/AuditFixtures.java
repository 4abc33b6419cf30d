package io.bulwark.audit;

import io.bulwark.platform.TenantId;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A fresh tenant, event bodies to send, and tokens to send them with.
 *
 * <p>{@link #token} is the platform administrator's, issued by the {@code system} tenant, so the
 * fresh tenant's log holds only what a test appends: every token the tenant itself issues is
 * recorded in its own log as {@code token.issued}, which would take the first indexes. The tenant's
 * own audit writer and administrator are registered too; their tokens are fetched on first use, for
 * tests about what each may do, and each fetch appends a {@code token.issued} entry.
 */
public final class AuditFixtures {

  static final String SECRET = "audit-client-secret-0123456789abcdefghij";

  final String slug;
  public final TenantId tenant;
  public final String token;
  private final TestApi api;

  private AuditFixtures(TestApi api, String slug, TenantId tenant) {
    this.api = api;
    this.slug = slug;
    this.tenant = tenant;
    this.token = api.adminToken();
  }

  public static AuditFixtures tenantWithAuditClients(TestApi api, TestClients clients) {
    var acme = TestTenants.acme();
    var created = api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    if (created.status() != 201) {
      throw new IllegalStateException("tenant not created: " + created);
    }
    TenantId tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "writer", SECRET, "audit-writer");
    clients.register(tenant, "admin", SECRET, "tenant-admin");
    return new AuditFixtures(api, acme.slug(), tenant);
  }

  /** A token of the tenant's own client holding only {@code audit-writer}. */
  String writerOnlyToken() {
    return api.token(slug, "writer", SECRET);
  }

  /** A token of the tenant's own administrator, which may read its log but not write to it. */
  String tenantAdminToken() {
    return api.token(slug, "admin", SECRET);
  }

  public String path(String rest) {
    return "/api/v1/tenants/" + slug + "/audit" + rest;
  }

  /** A valid event whose action is {@code resource.action<n>}. */
  /**
   * Tampers as an attacker with database access would: runs one statement as the owner with the
   * append-only triggers switched off, its one parameter bound to this tenant's id.
   */
  public void asOwner(DataSource owner, String sql) throws SQLException {
    try (Connection connection = owner.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set local session_replication_role = replica");
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setObject(1, tenant.value());
        statement.executeUpdate();
      }
      connection.commit();
    }
  }

  static String event(int n) {
    return """
    {"occurred_at": "2025-01-31T12:00:%02dZ", "category": "data_access",
     "action": "secret.read%d", "outcome": "success",
     "actor": {"type": "user", "id": "u-%d", "display": "Jane Roe", "ip": "192.0.2.7"},
     "resource": {"type": "secret", "id": "db-password"},
     "classification": "customer_sensitive", "correlation_id": "corr-%d",
     "details": {"n": %d, "ratio": 0.5, "tags": ["a", "b"]}}\
    """
        .formatted(n % 60, n, n, n, n);
  }

  static String batch(String... events) {
    return "{\"events\": [" + String.join(",", events) + "]}";
  }

  public static String batchOf(int from, int count) {
    List<String> events = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      events.add(event(i));
    }
    return batch(events.toArray(String[]::new));
  }
}
