package io.bulwark.audit;

import io.bulwark.platform.TenantId;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.util.ArrayList;
import java.util.List;

/** A fresh tenant with an audit writer and a tenant administrator, and event bodies to send. */
final class AuditFixtures {

  static final String SECRET = "audit-client-secret-0123456789abcdefghij";

  final String slug;
  final TenantId tenant;
  final String writerToken;
  final String adminToken;

  private AuditFixtures(String slug, TenantId tenant, String writerToken, String adminToken) {
    this.slug = slug;
    this.tenant = tenant;
    this.writerToken = writerToken;
    this.adminToken = adminToken;
  }

  static AuditFixtures tenantWithAuditClients(TestApi api, TestClients clients) {
    var acme = TestTenants.acme();
    var created = api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    if (created.status() != 201) {
      throw new IllegalStateException("tenant not created: " + created);
    }
    TenantId tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "writer", SECRET, "audit-writer");
    clients.register(tenant, "admin", SECRET, "tenant-admin");
    return new AuditFixtures(
        acme.slug(),
        tenant,
        api.token(acme.slug(), "writer", SECRET),
        api.token(acme.slug(), "admin", SECRET));
  }

  String path(String rest) {
    return "/api/v1/tenants/" + slug + "/audit" + rest;
  }

  /** A valid event whose action is {@code resource.action<n>}. */
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

  static String batchOf(int from, int count) {
    List<String> events = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      events.add(event(i));
    }
    return batch(events.toArray(String[]::new));
  }
}
