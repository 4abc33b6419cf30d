package io.bulwark.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of every tenant's log that grew since its latest one, every {@code
 * bulwark.audit.checkpoint-interval} (10 s by default). Signing runs under the log's advisory lock
 * and re-checks the head, so several nodes may run this at once.
 */
@Component
final class ScheduledCheckpoints {

  private static final Logger log = LoggerFactory.getLogger(ScheduledCheckpoints.class);

  private final JdbcAuditLedger ledger;

  ScheduledCheckpoints(JdbcAuditLedger ledger) {
    this.ledger = ledger;
  }

  @Scheduled(
      initialDelayString = "${bulwark.audit.checkpoint-interval:10s}",
      fixedDelayString = "${bulwark.audit.checkpoint-interval:10s}")
  void signGrownLogs() {
    ledger
        .pendingCheckpoints()
        .forEach((tenant, grewAt) -> {
          try {
            if (ledger.needsCheckpoint(tenant)) {
              ledger.checkpointNow(tenant);
            }
            ledger.checkpointDone(tenant, grewAt);
          } catch (RuntimeException e) {
            log.atWarn()
                .setMessage("Could not sign an audit checkpoint")
                .addKeyValue("tenant_id", tenant.toString())
                .addKeyValue("error", e.getClass().getSimpleName())
                .log();
          }
        });
  }
}
