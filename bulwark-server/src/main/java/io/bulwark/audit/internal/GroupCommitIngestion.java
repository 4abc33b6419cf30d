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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group commit for API ingestion. Each request prepares its entries (ids, canonical bodies, leaf
 * hashes) on its own thread, then queues them on its tenant's queue. One committer thread per
 * tenant with work takes everything queued (up to {@link #MAX_EVENTS_PER_COMMIT}), appends it in
 * one transaction under the log's advisory lock and answers every request once that transaction
 * committed; requests arriving meanwhile wait for the next commit. The advisory lock still orders
 * these commits with appends made inside other modules' transactions.
 *
 * <p>A failed commit fails every request it held: none of them was acknowledged, so producers retry
 * them (with their ids, which make the retry idempotent).
 */
@Service
final class GroupCommitIngestion implements AuditIngestion, DisposableBean {

  /** At most this many events go into one transaction; a larger single batch goes alone. */
  static final int MAX_EVENTS_PER_COMMIT = 10_000;

  private final JdbcAuditLedger ledger;
  private final ConcurrentMap<TenantId, TenantQueue> queues = new ConcurrentHashMap<>();
  private final ExecutorService committers =
      Executors.newThreadPerTaskExecutor(
          Thread.ofPlatform().name("audit-commit-", 0).daemon(true).factory());

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
    queues.computeIfAbsent(tenant, TenantQueue::new).submit(request);
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

  @Override
  public void destroy() throws InterruptedException {
    committers.shutdown();
    committers.awaitTermination(30, TimeUnit.SECONDS);
  }

  private record Request(
      List<PreparedEntry> entries, CompletableFuture<List<AuditReceipt>> result) {
    Request(List<PreparedEntry> entries) {
      this(entries, new CompletableFuture<>());
    }

    @Override
    public String toString() {
      return "Request[events=" + entries.size() + "]";
    }
  }

  /** The requests waiting for a tenant's next commit, and whether a committer is running. */
  private final class TenantQueue {
    private final TenantId tenant;
    private final Deque<Request> waiting = new ArrayDeque<>();
    private boolean committing;

    TenantQueue(TenantId tenant) {
      this.tenant = tenant;
    }

    void submit(Request request) {
      synchronized (this) {
        waiting.add(request);
        if (committing) {
          return;
        }
        committing = true;
      }
      try {
        committers.execute(this::commitAll);
      } catch (RejectedExecutionException e) {
        List<Request> orphaned;
        synchronized (this) {
          committing = false;
          orphaned = new ArrayList<>(waiting);
          waiting.clear();
        }
        orphaned.forEach(r -> r.result.completeExceptionally(e));
      }
    }

    private void commitAll() {
      while (true) {
        List<Request> fold;
        synchronized (this) {
          if (waiting.isEmpty()) {
            committing = false;
            return;
          }
          fold = next();
        }
        commit(fold);
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
