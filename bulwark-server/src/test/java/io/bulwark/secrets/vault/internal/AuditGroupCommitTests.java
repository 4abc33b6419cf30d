package io.bulwark.secrets.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.platform.TenantId;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

class AuditGroupCommitTests {

  private final TenantId tenant = new TenantId(UUID.randomUUID());
  private final List<List<AuditEvent>> batches = new CopyOnWriteArrayList<>();

  @Test
  void concurrentReadersAreAppendedInFewerTransactionsAndEachReturnsAfterItsEvent()
      throws Exception {
    CountDownLatch firstAppendHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AuditGroupCommit group =
        new AuditGroupCommit(
            ledger(events -> {
              if (batches.isEmpty()) {
                firstAppendHeld.countDown();
                await(release);
              }
              batches.add(events);
            }),
            transactions());
    int readers = 16;
    try (ExecutorService pool = Executors.newFixedThreadPool(readers)) {
      List<Future<?>> done = new ArrayList<>();
      done.add(pool.submit(() -> group.append(tenant, event("first"))));
      assertThat(firstAppendHeld.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < readers; i++) {
        String path = "p" + i;
        done.add(pool.submit(() -> group.append(tenant, event(path))));
      }
      Thread.sleep(100);
      assertThat(done.stream().filter(Future::isDone)).isEmpty();
      release.countDown();
      for (Future<?> future : done) {
        future.get(5, TimeUnit.SECONDS);
      }
    }
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(readers);
    assertThat(batches.size()).isLessThan(readers);
  }

  @Test
  void failedAppendFailsEveryReaderOfItsBatch() {
    AuditGroupCommit group =
        new AuditGroupCommit(
            ledger(events -> {
              throw new IllegalStateException("ledger down");
            }),
            transactions());

    assertThatThrownBy(() -> group.append(tenant, event("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ledger down");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static AuditEvent event(String path) {
    return new AuditEvent(
        null,
        Instant.now(),
        AuditCategory.DATA_ACCESS,
        "secret.read",
        AuditOutcome.SUCCESS,
        AuditActor.system("test"),
        new AuditResource("secret", path),
        null,
        null,
        false,
        null,
        null,
        null,
        JsonNodeFactory.instance.objectNode());
  }

  private interface Append {
    void append(List<AuditEvent> events);
  }

  @SuppressWarnings("unchecked")
  private static AuditLedger ledger(Append append) {
    return (AuditLedger)
        Proxy.newProxyInstance(
            AuditLedger.class.getClassLoader(),
            new Class<?>[] {AuditLedger.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("append")) {
                throw new UnsupportedOperationException(method.getName());
              }
              append.append((List<AuditEvent>) args[1]);
              return List.of();
            });
  }

  private static TransactionTemplate transactions() {
    return new TransactionTemplate(
        new AbstractPlatformTransactionManager() {
          @Override
          protected Object doGetTransaction() {
            return new Object();
          }

          @Override
          protected void doBegin(
              Object transaction, org.springframework.transaction.TransactionDefinition d) {}

          @Override
          protected void doCommit(DefaultTransactionStatus status) {}

          @Override
          protected void doRollback(DefaultTransactionStatus status) {}
        });
  }
}
