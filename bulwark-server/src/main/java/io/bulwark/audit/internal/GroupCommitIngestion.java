package io.bulwark.audit.internal;

import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditIngestion;
import io.bulwark.audit.AuditReceipt;
import io.bulwark.audit.internal.JdbcAuditLedger.PreparedEntry;
import io.bulwark.platform.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group commit for API ingestion. Each request prepares its entries (ids, canonical bodies, leaf
 * hashes) on its own thread, then queues them on its tenant's queue. The request that finds no
 * commit running leads: on its own thread it takes everything queued (up to {@link
 * #MAX_EVENTS_PER_COMMIT}), appends it in one transaction under the log's advisory lock and answers
 * every request of that transaction once it committed. Requests arriving meanwhile wait; when the
 * commit is done, the first of them is told to lead the next one, and the leader returns with its
 * own answer. So a commit starts as soon as the previous one ended, on a thread that is already
 * awake, with no thread started or handed work per commit. The advisory lock still orders these
 * commits with appends made inside other modules' transactions.
 *
 * <p>A failed commit fails every request it held: none of them was acknowledged, so producers retry
 * them (with their ids, which make the retry idempotent). The next commit is led all the same.
 */
@Service
final class GroupCommitIngestion implements AuditIngestion {

  /** At most this many events go into one transaction; a larger single batch goes alone. */
  static final int MAX_EVENTS_PER_COMMIT = 10_000;

  private final JdbcAuditLedger ledger;
  private final ConcurrentMap<TenantId, TenantQueue> queues = new ConcurrentHashMap<>();

  GroupCommitIngestion(JdbcAuditLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public List<AuditReceipt> ingest(TenantId tenant, List<AuditEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("an append needs at least one event");
    }
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Ingestion commits on its own; inside a transaction use AuditLedger.append");
    }
    Request request = new Request(ledger.prepare(tenant, events));
    TenantQueue queue = queues.computeIfAbsent(tenant, TenantQueue::new);
    if (queue.submit(request)) {
      queue.lead();
    }
    while (!request.result.isDone()) {
      CompletableFuture.anyOf(request.result, request.turn).join();
      if (!request.result.isDone()) {
        queue.lead();
      }
    }
    try {
      return request.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * A request waiting for its commit: {@code result} completes with its receipts (or the commit's
   * failure), {@code turn} when it is to lead the next commit.
   */
  private record Request(
      List<PreparedEntry> entries,
      CompletableFuture<List<AuditReceipt>> result,
      CompletableFuture<Void> turn) {
    Request(List<PreparedEntry> entries) {
      this(entries, new CompletableFuture<>(), new CompletableFuture<>());
    }

    @Override
    public String toString() {
      return "Request[events=" + entries.size() + "]";
    }
  }

  /** The requests waiting for a tenant's next commit, and whether a commit is being led. */
  private final class TenantQueue {
    private final TenantId tenant;
    private final Deque<Request> waiting = new ArrayDeque<>();
    private boolean committing;

    TenantQueue(TenantId tenant) {
      this.tenant = tenant;
    }

    /**
     * @return whether the caller leads the next commit now (none was running)
     */
    synchronized boolean submit(Request request) {
      waiting.add(request);
      if (committing) {
        return false;
      }
      committing = true;
      return true;
    }

    /**
     * Commits what is queued (the leader's own request first among it), then hands the lead to the
     * first request still waiting, or ends leading when none is.
     */
    void lead() {
      List<Request> fold;
      synchronized (this) {
        fold = next();
      }
      try {
        commit(fold);
      } finally {
        Request successor;
        synchronized (this) {
          successor = waiting.peekFirst();
          if (successor == null) {
            committing = false;
          }
        }
        if (successor != null) {
          successor.turn.complete(null);
        }
      }
    }

    private List<Request> next() {
      List<Request> fold = new ArrayList<>();
      int events = 0;
      while (!waiting.isEmpty()
          && (fold.isEmpty()
              || events + waiting.peekFirst().entries.size() <= MAX_EVENTS_PER_COMMIT)) {
        Request request = waiting.removeFirst();
        events += request.entries.size();
        fold.add(request);
      }
      return fold;
    }

    private void commit(List<Request> fold) {
      try {
        List<List<AuditReceipt>> receipts =
            ledger.appendCommitted(tenant, fold.stream().map(Request::entries).toList());
        for (int i = 0; i < fold.size(); i++) {
          fold.get(i).result.complete(receipts.get(i));
        }
      } catch (RuntimeException | Error e) {
        fold.forEach(request -> request.result.completeExceptionally(e));
        if (e instanceof Error error) {
          throw error;
        }
      }
    }
  }
}
