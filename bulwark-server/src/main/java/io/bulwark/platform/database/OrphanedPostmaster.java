package io.bulwark.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs as a child process, and a child survives its parent's {@code kill
 * -9}: it keeps the data directory locked ({@code postmaster.pid}), so the next start would fail.
 * Before starting, a postmaster named by the data directory's {@code postmaster.pid} is stopped —
 * but only when no live Bulwark process holds the directory's {@code epg-lock} (the file lock the
 * embedded server takes while it runs), so a second server can never stop the first one's database.
 * A stale {@code postmaster.pid} whose process is gone is left to PostgreSQL, which removes it and
 * runs crash recovery.
 */
final class OrphanedPostmaster {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private OrphanedPostmaster() {}

  static void stopIfAny(Path dataDirectory) throws IOException {
    Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
    if (postmaster.isEmpty()) {
      return;
    }
    Path lockFile = dataDirectory.resolve("epg-lock");
    try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel)) {
      if (lock == null) {
        throw new IllegalStateException(
            "The data directory is in use by another running Bulwark server: "
                + dataDirectory.getParent());
      }
      stop(postmaster.get());
    }
  }

  private static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.getFirst().strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.pid() != ProcessHandle.current().pid())
        .filter(OrphanedPostmaster::isPostgres);
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process
        .info()
        .command()
        .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
        .orElse(false);
  }

  private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static void stop(ProcessHandle postmaster) {
    log.atWarn()
        .setMessage(
            "Stopping an embedded PostgreSQL left running by a Bulwark process that did not shut"
                + " down")
        .addKeyValue("pid", postmaster.pid())
        .log();
    // SIGTERM is PostgreSQL's smart shutdown: its clients died with the old process, so it ends
    // promptly and cleanly. SIGKILL is the fallback; the next start then runs crash recovery.
    postmaster.destroy();
    if (awaitExit(postmaster, SHUTDOWN_WAIT)) {
      return;
    }
    postmaster.destroyForcibly();
    if (!awaitExit(postmaster, KILL_WAIT)) {
      throw new IllegalStateException(
          "An embedded PostgreSQL left running (pid " + postmaster.pid() + ") does not stop");
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new UncheckedIOException(new IOException("Waiting for PostgreSQL failed", e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL", e);
    }
  }
}
