package io.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.ServerProcess;
import io.bulwark.support.ServerProcess.Server;
import io.bulwark.support.TestTenants;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} of a real server process during sustained ingestion loses no acknowledged event.
 * The server runs as a child JVM on the test classpath with its embedded PostgreSQL in a temporary
 * data directory. Writers record every event answered {@code 201}; the server is killed twice:
 * first the JVM alone (its PostgreSQL child keeps running, as after a real {@code kill -9}, and the
 * next start must cope with it), then the JVM and every PostgreSQL process (as in a machine crash,
 * so PostgreSQL runs crash recovery). After the last restart, every acknowledged event must be in
 * the log at its acknowledged index, and verification must find the log intact.
 */
class AuditCrashIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration INGESTION = Duration.ofSeconds(3);
  private static final int WRITERS = 4;

  @TempDir Path work;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();
  private ServerProcess servers;

  @BeforeEach
  void servers() {
    servers = new ServerProcess(work);
  }

  @AfterEach
  void stopServersAndTheirDatabases() throws Exception {
    servers.stopAll();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void killDuringIngestionThenEveryAcknowledgedEventIsInTheVerifiedLog() throws Exception {
    Server first = servers.start();
    String slug = TestTenants.acme().slug();
    String admin = first.api().adminToken();
    var created =
        first
            .api()
            .post("/api/v1/tenants")
            .bearer(admin)
            .json(TestTenants.acme().slug(slug).json())
            .send();
    assertThat(created.status()).isEqualTo(201);

    int firstPhase = ingestThenKill(first, slug, admin, false);
    assertThat(firstPhase).as("events acknowledged before the first kill").isPositive();
    assertThat(servers.postmaster()).as("PostgreSQL outlives a kill -9 of the server").isPresent();

    Server second = servers.start();
    int secondPhase = ingestThenKill(second, slug, second.api().adminToken(), true);
    assertThat(secondPhase).as("events acknowledged before the second kill").isPositive();

    Server third = servers.start();
    String token = third.api().adminToken();
    Map<Long, UUID> stored = storedIds(third, slug, token);
    Map<UUID, Long> missing = new HashMap<>();
    acknowledged.forEach((id, index) -> {
      if (!id.equals(stored.get(index))) {
        missing.put(id, index);
      }
    });
    assertThat(missing).as("acknowledged events missing or moved").isEmpty();
    var verified =
        third
            .api()
            .post("/api/v1/tenants/" + slug + "/audit/verify")
            .bearer(token)
            .json("{}")
            .send();
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.json().get("intact").asBoolean()).as(verified.body()).isTrue();
    assertThat(verified.json().get("size").asLong()).isEqualTo(stored.size());
    System.out.printf(
        "acknowledged %d + %d events, log holds %d, verified intact%n",
        firstPhase, secondPhase, stored.size());
  }

  /** Runs writers against the server, kills it while they write, and waits for them to stop. */
  private int ingestThenKill(Server server, String slug, String token, boolean machineCrash)
      throws Exception {
    int before = acknowledged.size();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      writers.add(Thread.ofPlatform().start(() -> write(server, slug, token, stop)));
    }
    Thread.sleep(INGESTION);
    if (machineCrash) {
      var postmaster = servers.postmaster().orElseThrow();
      List<ProcessHandle> postgres = new ArrayList<>(postmaster.descendants().toList());
      server.process().destroyForcibly();
      postmaster.destroyForcibly();
      postgres.forEach(ProcessHandle::destroyForcibly);
    } else {
      server.process().destroyForcibly();
    }
    assertThat(server.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    for (Thread writer : writers) {
      writer.join(Duration.ofSeconds(30));
    }
    return acknowledged.size() - before;
  }

  private void write(Server server, String slug, String token, AtomicBoolean stop) {
    URI events = URI.create(server.api().base() + "/api/v1/tenants/" + slug + "/audit/events");
    while (!stop.get()) {
      int size = ThreadLocalRandom.current().nextInt(1, 30);
      StringBuilder body = new StringBuilder("{\"events\":[");
      for (int i = 0; i < size; i++) {
        body.append(i == 0 ? "" : ",")
            .append(
                """
                {"id":"%s","occurred_at":"%s","category":"data_access","action":"record.read",\
                "outcome":"success","actor":{"type":"service","id":"crash-writer"}}\
                """
                    .formatted(UUID.randomUUID(), Instant.now()));
      }
      body.append("]}");
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(events)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201) {
          for (JsonNode receipt : JSON.readTree(response.body()).get("events")) {
            acknowledged.put(
                UUID.fromString(receipt.get("id").asString()), receipt.get("index").asLong());
          }
        }
      } catch (IOException e) {
        // The server is gone: nothing was acknowledged.
        if (!server.process().isAlive()) {
          sleepBriefly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Map<Long, UUID> storedIds(Server server, String slug, String token) {
    Map<Long, UUID> stored = new HashMap<>();
    String cursor = null;
    do {
      var page =
          server
              .api()
              .get(
                  "/api/v1/tenants/"
                      + slug
                      + "/audit/events?limit=200"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .bearer(token)
              .send();
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      JsonNode json = page.json();
      for (JsonNode item : json.get("items")) {
        stored.put(
            item.get("index").asLong(), UUID.fromString(item.get("entry").get("id").asString()));
      }
      JsonNode next = json.get("next_cursor");
      cursor = next == null || next.isNull() ? null : next.asString();
    } while (cursor != null);
    return stored;
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
