package io.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.BulwarkApplication;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestTenants;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final Duration INGESTION = Duration.ofSeconds(3);
  private static final int WRITERS = 4;

  @TempDir Path work;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();
  private final List<Process> servers = new ArrayList<>();

  @AfterEach
  void stopServersAndTheirDatabases() throws Exception {
    for (Process server : servers) {
      if (server.isAlive()) {
        server.destroy();
        server.waitFor(20, TimeUnit.SECONDS);
      }
    }
    postmaster().ifPresent(AuditCrashIntegrationTests::killWithDescendants);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void killDuringIngestionThenEveryAcknowledgedEventIsInTheVerifiedLog() throws Exception {
    Server first = start();
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
    assertThat(postmaster()).as("PostgreSQL outlives a kill -9 of the server").isPresent();

    Server second = start();
    int secondPhase = ingestThenKill(second, slug, second.api().adminToken(), true);
    assertThat(secondPhase).as("events acknowledged before the second kill").isPositive();

    Server third = start();
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
      var postmaster = postmaster().orElseThrow();
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

  // ---------------------------------------------------------------- the server process

  private record Server(Process process, TestApi api) {}

  private Server start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = work.resolve("server-" + servers.size() + ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                BulwarkApplication.class.getName(),
                "--server.port=" + port,
                "--bulwark.db.data-dir=" + work.resolve("data"),
                "--bulwark.bootstrap.client-id=" + TestApi.ADMIN_CLIENT_ID,
                "--bulwark.bootstrap.client-secret=" + TestApi.ADMIN_CLIENT_SECRET,
                "--bulwark.dev-mode=true")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    servers.add(process);
    Instant deadline = Instant.now().plus(STARTUP);
    URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the server exited on start:\n" + tail(log));
      }
      try {
        HttpResponse<Void> ready =
            http.send(
                HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return new Server(process, new TestApi(port));
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the server did not become ready:\n" + tail(log));
  }

  private java.util.Optional<ProcessHandle> postmaster() {
    Path pidFile = work.resolve("data").resolve("postgres").resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return java.util.Optional.empty();
      }
      String pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).getFirst().strip();
      return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static void killWithDescendants(ProcessHandle process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
          .map(line -> line.length() > 400 ? line.substring(0, 400) + "…" : line)
          .collect(java.util.stream.Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
