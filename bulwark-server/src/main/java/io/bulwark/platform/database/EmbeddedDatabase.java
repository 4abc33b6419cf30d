package io.bulwark.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by Bulwark itself, with its files under the data directory so they
 * survive restarts. Listens on loopback only. Closing it stops the server cleanly; a server left
 * running by a Bulwark process that died is stopped on the next start (see {@link
 * OrphanedPostmaster}). Commits are durable: {@code fsync} and {@code synchronous_commit} are on.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) {
    Path directory = dataDir.resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(directory.getParent());
      OrphanedPostmaster.stopIfAny(directory);
      log.atInfo()
          .setMessage("Starting embedded PostgreSQL")
          .addKeyValue("data_directory", directory.toString())
          .log();
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              // The library's defaults are for tests (synchronous_commit off): a commit must be on
              // disk before it is acknowledged.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "128MB")
              .setServerConfig("log_min_error_statement", "panic")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog(dataDir)))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog(dataDir)))
              .start();
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
    }
  }

  // PostgreSQL's own messages can quote row values; they go to a file beside the data, not to the
  // JSON log stream.
  private static java.io.File serverLog(Path dataDir) {
    return dataDir.resolve("postgres.log").toAbsolutePath().toFile();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    log.info("Stopping embedded PostgreSQL");
    postgres.close();
  }
}
