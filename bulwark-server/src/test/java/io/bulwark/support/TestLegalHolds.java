package io.bulwark.support;

import io.bulwark.audit.AuditEntrySummary;
import io.bulwark.audit.AuditLegalHolds;
import io.bulwark.platform.TenantId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Legal holds for tests, until the retention module supplies real ones: holds every audit entry of
 * the actors a test names, in one tenant. Holds nothing until told to.
 */
@Component
public final class TestLegalHolds implements AuditLegalHolds {

  private final Set<String> heldActors = ConcurrentHashMap.newKeySet();

  /** From now on, entries by this actor in this tenant's log are held. */
  public void holdActor(TenantId tenant, String actorId) {
    heldActors.add(tenant + "/" + actorId);
  }

  @Override
  public boolean holds(TenantId tenant, AuditEntrySummary entry) {
    return entry.actorId() != null && heldActors.contains(tenant + "/" + entry.actorId());
  }
}
