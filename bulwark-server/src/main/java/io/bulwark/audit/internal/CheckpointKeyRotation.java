package io.bulwark.audit.internal;

import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditCheckpoint;
import io.bulwark.audit.AuditCheckpointKeys;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rotates a log's checkpoint key under the log's lock, so no checkpoint is being signed meanwhile:
 * a new generation is stored, the rotation is appended to the log in the same transaction, and
 * after the commit a checkpoint covering that entry is signed with the new key (and, for the
 * transition window of {@link CheckpointKeys}, the previous one).
 */
@Service
class CheckpointKeyRotation implements AuditCheckpointKeys {

  private final JdbcAuditLedger ledger;
  private final CheckpointKeys keys;
  private final TransactionTemplate transactions;

  CheckpointKeyRotation(
      JdbcAuditLedger ledger, CheckpointKeys keys, PlatformTransactionManager transactionManager) {
    this.ledger = ledger;
    this.keys = keys;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @Override
  public AuditKeyRotation rotate(TenantId tenant) {
    String origin = ledger.origin(tenant);
    record Rotated(String previous, String next) {}
    Rotated rotated =
        TenantContext.callAs(
            tenant,
            () ->
                transactions.execute(status -> {
                  ledger.lock(tenant);
                  String previous = keys.signer(tenant, origin).verifierKey().encoded();
                  String next = keys.rotate(tenant, origin).verifierKey().encoded();
                  ObjectNode details = JsonNodeFactory.instance.objectNode();
                  details.put("previous_verifier_key", previous);
                  details.put("verifier_key", next);
                  ledger.append(
                      tenant,
                      List.of(
                          AuditEvent.builder(
                                  AuditCategory.SECURITY,
                                  "audit.checkpoint_key_rotated",
                                  AuditOutcome.SUCCESS,
                                  PlatformEventsAuditor.actor())
                              .resource(new AuditResource("checkpoint_key", origin))
                              .correlationId(PlatformEventsAuditor.correlationId())
                              .details(details)
                              .build()));
                  return new Rotated(previous, next);
                }));
    AuditCheckpoint checkpoint = ledger.checkpointNow(tenant);
    return new AuditKeyRotation(rotated.next(), rotated.previous(), checkpoint);
  }
}
