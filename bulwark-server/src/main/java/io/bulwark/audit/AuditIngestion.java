package io.bulwark.audit;

import io.bulwark.platform.TenantId;
import java.util.List;

/**
 * Appends the batches producers send to the ingestion API. Unlike {@link AuditLedger#append}, a
 * call never joins the caller's transaction: it appends in a transaction of its own and returns
 * only after that transaction committed durably. Concurrent calls for the same tenant share one
 * transaction (group commit), so one disk flush acknowledges many requests; each call still gets
 * exactly its own receipts, as if the batches had been appended one after the other.
 *
 * <p>Code that records an operation's audit event must use {@link AuditLedger#append} inside the
 * operation's transaction instead.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public interface AuditIngestion {

  /**
   * Appends one batch, all or none, and waits for its commit. Events whose id the log already
   * holds, or that an earlier batch of the same commit holds, are not appended again.
   *
   * @param tenant whose log
   * @param events 1 or more events
   * @return a receipt per event, in order, once the commit is durable
   * @throws IllegalStateException when called inside a transaction
   */
  List<AuditReceipt> ingest(TenantId tenant, List<AuditEvent> events);
}
