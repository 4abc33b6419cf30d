package io.bulwark.secrets.vault.internal;

import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditLedger;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of audit events for secret reads. A tenant's audit log takes one append at a time
 * (an advisory lock held until commit), so reads that each committed their own event queued behind
 * one another's commits. Here every reader queues its event and waits; whichever reader finds no
 * append in progress appends everything queued for the tenant in one transaction, and each reader
 * returns only once its event is committed (or fails with the append's error). A value is never
 * handed out before its read is audited.
 */
@Component
final class AuditGroupCommit {

  private static final int MAX_BATCH = 1000;

  private final AuditLedger ledger;
  private final TransactionTemplate transactions;
  private final ConcurrentHashMap<TenantId, Group> groups = new ConcurrentHashMap<>();

  AuditGroupCommit(AuditLedger ledger, TransactionTemplate transactions) {
    this.ledger = ledger;
    this.transactions = transactions;
  }

  /**
   * Appends the event to the tenant's log, with others queued at the same time.
   *
   * @throws RuntimeException the append's failure, when it failed
   */
  void append(TenantId tenant, AuditEvent event) {
    Group group = groups.computeIfAbsent(tenant, id -> new Group());
    Pending pending = new Pending(event);
    group.queue.add(pending);
    try {
      while (!pending.done()) {
        if (group.lock.tryLock()) {
          try {
            flush(tenant, group);
          } finally {
            group.lock.unlock();
          }
        } else {
          pending.await();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the read's audit event was appended", e);
    }
    RuntimeException failure = pending.failure;
    if (failure != null) {
      throw failure;
    }
  }

  private void flush(TenantId tenant, Group group) {
    while (true) {
      List<Pending> batch = new ArrayList<>();
      for (Pending next = group.queue.poll(); next != null; next = group.queue.poll()) {
        batch.add(next);
        if (batch.size() == MAX_BATCH) {
          break;
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      RuntimeException failure = null;
      try {
        List<AuditEvent> events = batch.stream().map(Pending::event).toList();
        TenantContext.runAs(
            tenant,
            () -> transactions.executeWithoutResult(status -> ledger.append(tenant, events)));
      } catch (RuntimeException e) {
        failure = e;
      }
      for (Pending done : batch) {
        done.complete(failure);
      }
    }
  }

  private static final class Group {
    final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    final ReentrantLock lock = new ReentrantLock();
  }

  private static final class Pending {
    private final AuditEvent event;
    private final CountDownLatch latch = new CountDownLatch(1);
    private volatile @Nullable RuntimeException failure;

    Pending(AuditEvent event) {
      this.event = event;
    }

    AuditEvent event() {
      return event;
    }

    boolean done() {
      return latch.getCount() == 0;
    }

    void await() throws InterruptedException {
      // Bounded, so a reader that queued just as the appender finished takes over itself.
      latch.await(1, TimeUnit.MILLISECONDS);
    }

    void complete(@Nullable RuntimeException failure) {
      this.failure = failure;
      latch.countDown();
    }
  }
}
