package io.bulwark.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.audit.AuditLedger;
import io.bulwark.platform.TenantId;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a tenant's audit log the way tests check it: every entry, oldest first. */
public final class TestAudit {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TestAudit() {}

  /** The canonical JSON of every entry still holding its body, oldest first. */
  public static List<String> canonicalEntries(AuditLedger ledger, TenantId tenant) {
    List<String> entries = new ArrayList<>();
    for (long i = 0; i < ledger.size(tenant); i++) {
      ledger.entry(tenant, i).ifPresent(entry -> entries.add(entry.canonicalJson()));
    }
    return entries;
  }

  /** The action of every entry, oldest first. */
  public static List<String> actions(AuditLedger ledger, TenantId tenant) {
    return canonicalEntries(ledger, tenant).stream()
        .map(json -> JSON.readTree(json).get("action").asString())
        .toList();
  }

  /** The newest entry with this action; fails the test when there is none. */
  public static JsonNode last(AuditLedger ledger, TenantId tenant, String action) {
    JsonNode found = null;
    for (String json : canonicalEntries(ledger, tenant)) {
      JsonNode entry = JSON.readTree(json);
      if (entry.get("action").asString().equals(action)) {
        found = entry;
      }
    }
    assertThat(found).as("an audit entry " + action).isNotNull();
    return found;
  }
}
