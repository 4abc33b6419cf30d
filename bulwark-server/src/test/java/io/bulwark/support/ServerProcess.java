package io.bulwark.support;

import io.bulwark.BulwarkApplication;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Bulwark server as a child JVM on the test classpath, with its embedded PostgreSQL in a data
 * directory the test owns, for tests that need what one shared application context cannot give:
 * killing the process, or settings read once at start. {@link #stopAll()} ends every server it
 * started and the PostgreSQL left behind.
 */
public final class ServerProcess {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Path work;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Process> started = new ArrayList<>();

  /** Servers whose data directory is {@code work/data} and whose logs go to {@code work}. */
  public ServerProcess(Path work) {
    this.work = work;
  }

  /** A started, ready server. */
  public record Server(Process process, TestApi api) {}

  /** Starts a server with the test bootstrap administrator and waits until it is ready. */
  public Server start() throws IOException, InterruptedException {
    return start(Map.of(), List.of());
  }

  /**
   * Starts a server with extra environment variables and {@code --name=value} arguments and waits
   * until it is ready.
   */
  public Server start(Map<String, String> environment, List<String> arguments)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = work.resolve("server-" + started.size() + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
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
                "--bulwark.dev-mode=true"));
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    started.add(process);
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

  /** The running postmaster of the data directory, if any. */
  public Optional<ProcessHandle> postmaster() {
    Path pidFile = work.resolve("data").resolve("postgres").resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      String pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).getFirst().strip();
      return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Stops every server started here, then the PostgreSQL a killed server may have left. */
  public void stopAll() throws InterruptedException {
    for (Process server : started) {
      if (server.isAlive()) {
        server.destroy();
        server.waitFor(20, TimeUnit.SECONDS);
      }
    }
    postmaster().ifPresent(ServerProcess::killWithDescendants);
  }

  /** Kills a process and all its descendants at once, as a machine crash would. */
  public static void killWithDescendants(ProcessHandle process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
          .map(line -> line.length() > 400 ? line.substring(0, 400) + "…" : line)
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
