package io.bulwark.audit;

import static io.bulwark.audit.AuditFixtures.batch;
import static io.bulwark.audit.AuditFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** API ingestion through group commit: concurrent batches of one tenant share commits. */
@BulwarkIntegrationTest
class AuditIngestionIntegrationTests {

  private static final int REQUESTS = 24;
  private static final int EVENTS_PER_REQUEST = 5;

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired AuditLedger ledger;
  @Autowired AuditIngestion ingestion;
  @Autowired PlatformTransactionManager transactions;

  TestApi api;
  AuditFixtures acme;

  @BeforeEach
  void tenantWithAuditClients() {
    api = new TestApi(port);
    acme = AuditFixtures.tenantWithAuditClients(api, clients);
  }

  @Test
  void concurrentBatchesEachGetTheirOwnReceiptsAndTheLogStaysIntact() {
    List<List<String>> sent = new ArrayList<>();
    for (int r = 0; r < REQUESTS; r++) {
      List<String> ids = new ArrayList<>();
      for (int e = 0; e < EVENTS_PER_REQUEST; e++) {
        ids.add(UUID.randomUUID().toString());
      }
      sent.add(ids);
    }

    List<Response> responses =
        concurrently(
            IntStream.range(0, REQUESTS)
                .mapToObj(
                    r -> batch(sent.get(r).stream().map(this::eventWithId).toArray(String[]::new)))
                .toList());

    Set<Long> indexes = new HashSet<>();
    for (int r = 0; r < REQUESTS; r++) {
      Response response = responses.get(r);
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      JsonNode receipts = response.json().get("events");
      assertThat(receipts).hasSize(EVENTS_PER_REQUEST);
      for (int e = 0; e < EVENTS_PER_REQUEST; e++) {
        JsonNode receipt = receipts.get(e);
        assertThat(receipt.get("id").asString()).isEqualTo(sent.get(r).get(e));
        assertThat(receipt.get("duplicate").asBoolean()).isFalse();
        long index = receipt.get("index").asLong();
        assertThat(indexes.add(index)).as("index %d given twice", index).isTrue();
        assertThat(ledger.entry(acme.tenant, index).orElseThrow().canonicalJson())
            .contains(sent.get(r).get(e));
      }
      // Within a batch, indexes are consecutive: batches are folded, never interleaved.
      long first = receipts.get(0).get("index").asLong();
      assertThat(receipts.get(EVENTS_PER_REQUEST - 1).get("index").asLong())
          .isEqualTo(first + EVENTS_PER_REQUEST - 1);
    }
    assertThat(indexes).hasSize(REQUESTS * EVENTS_PER_REQUEST);
    assertThat(ledger.size(acme.tenant)).isEqualTo(REQUESTS * EVENTS_PER_REQUEST);
    assertThat(ledger.verify(acme.tenant, null, null).intact()).isTrue();
  }

  @Test
  void theSameIdSentConcurrentlyIsAppendedOnceAndTheOtherReceiptNamesItsIndex() {
    String shared = eventWithId(UUID.randomUUID().toString());
    List<String> bodies = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      bodies.add(batch(event(r), shared));
    }

    List<Response> responses = concurrently(bodies);

    Set<Long> sharedIndexes = new HashSet<>();
    int appended = 0;
    for (Response response : responses) {
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      JsonNode receipt = response.json().get("events").get(1);
      sharedIndexes.add(receipt.get("index").asLong());
      if (!receipt.get("duplicate").asBoolean()) {
        appended++;
      }
    }
    assertThat(appended).isEqualTo(1);
    assertThat(sharedIndexes).hasSize(1);
    assertThat(ledger.size(acme.tenant)).isEqualTo(8 + 1);
  }

  @Test
  void ingestionWaitingForAnOpenAppendIsAppendedAfterWhatThatAppendCommitted() throws Exception {
    long before = ledger.size(acme.tenant);
    CountDownLatch appendedInOpenTransaction = new CountDownLatch(1);
    CompletableFuture<List<AuditReceipt>> open =
        CompletableFuture.supplyAsync(() ->
            new TransactionTemplate(transactions)
                .execute(status -> {
                  List<AuditReceipt> receipts =
                      ledger.append(acme.tenant, List.of(systemEvent("test.open")));
                  appendedInOpenTransaction.countDown();
                  // Holds the log's lock while the ingestion below waits for it.
                  sleep(500);
                  return receipts;
                }));
    appendedInOpenTransaction.await();

    List<AuditReceipt> ingested =
        ingestion.ingest(acme.tenant, List.of(systemEvent("test.waited")));

    assertThat(open.get().getFirst().index()).isEqualTo(before);
    assertThat(ingested.getFirst().index()).isEqualTo(before + 1);
    assertThat(ledger.verify(acme.tenant, null, null).intact()).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static AuditEvent systemEvent(String action) {
    return AuditEvent.builder(
            AuditCategory.SYSTEM, action, AuditOutcome.SUCCESS, AuditActor.system("ingestion-test"))
        .build();
  }

  @Test
  void ingestInsideATransactionIsRefusedSoThatItNeverSeemsToJoinIt() {
    var event =
        new AuditEvent(
            null,
            java.time.Instant.parse("2025-01-31T12:00:00Z"),
            AuditCategory.SYSTEM,
            "test.event",
            AuditOutcome.SUCCESS,
            new AuditActor(AuditActor.Type.SYSTEM, null, null, null, null),
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() ->
            new TransactionTemplate(transactions)
                .executeWithoutResult(status -> ingestion.ingest(acme.tenant, List.of(event))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AuditLedger.append");
    assertThat(ledger.size(acme.tenant)).isZero();
  }

  private String eventWithId(String id) {
    return event(1).replaceFirst("\\{", "{\"id\": \"" + id + "\", ");
  }

  private List<Response> concurrently(List<String> bodies) {
    try (ExecutorService threads = Executors.newFixedThreadPool(bodies.size())) {
      List<CompletableFuture<Response>> futures = new ArrayList<>();
      for (String body : bodies) {
        futures.add(
            CompletableFuture.supplyAsync(
                () -> api.post(acme.path("/events")).bearer(acme.token).json(body).send(),
                threads));
      }
      return futures.stream().map(CompletableFuture::join).toList();
    }
  }
}
