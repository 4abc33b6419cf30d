package io.bulwark.redact.cli;

import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.Finding;
import io.bulwark.redact.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a directory tree for hardcoded secrets, in the spirit of gitleaks: skips {@code .git},
 * symbolic links and binary files (a NUL byte in the first 8 KiB), reads text as UTF-8 and reports
 * the position and type of each finding, never its value.
 */
final class SecretScan {

  /**
   * One secret found.
   *
   * @param path path relative to the scanned root, with {@code /} separators
   * @param line 1-based line
   * @param column 1-based column in UTF-16 code units
   * @param endColumn column after the secret on the same line
   */
  record Result(String path, int line, int column, int endColumn, String type) {}

  private static final int SNIFF = 8192;

  private final Redactor redactor;
  private int filesScanned;
  private int binaryFilesSkipped;

  SecretScan(Redactor redactor) {
    this.redactor = redactor;
  }

  Redactor redactor() {
    return redactor;
  }

  int filesScanned() {
    return filesScanned;
  }

  int binaryFilesSkipped() {
    return binaryFilesSkipped;
  }

  List<Result> scan(Path root) throws IOException {
    List<Result> results = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (attributes.isRegularFile()) {
              scanFile(root, file, results);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    results.sort(
        java.util.Comparator.comparing(Result::path)
            .thenComparingInt(Result::line)
            .thenComparingInt(Result::column));
    return results;
  }

  private void scanFile(Path root, Path file, List<Result> results) throws IOException {
    if (isBinary(file)) {
      binaryFilesSkipped++;
      return;
    }
    filesScanned++;
    String relative = root.relativize(file).toString().replace('\\', '/');
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      String line;
      int number = 0;
      boolean inPrivateKey = false;
      while ((line = reader.readLine()) != null) {
        number++;
        if (inPrivateKey) {
          if (line.contains("-----END ")) {
            inPrivateKey = false;
          }
          continue;
        }
        for (Finding finding : redactor.scan(line)) {
          results.add(
              new Result(relative, number, finding.start() + 1, finding.end() + 1, finding.type()));
          if (finding.type().equals(DetectorTypes.PRIVATE_KEY)
              && finding.end() == line.length()
              && !line.contains("-----END ")) {
            inPrivateKey = true;
          }
        }
      }
    }
  }

  private static boolean isBinary(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(SNIFF);
      for (byte b : head) {
        if (b == 0) {
          return true;
        }
      }
      return false;
    }
  }
}
