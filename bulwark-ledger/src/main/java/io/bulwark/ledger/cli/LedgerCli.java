package io.bulwark.ledger.cli;

import io.bulwark.ledger.export.ExportVerification;
import io.bulwark.ledger.export.LedgerExportVerifier;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bulwark-ledger verify --key <vkey>|@file [--key …] <export.jsonl>}: verifies a ledger
 * export offline. Exit status 0 when intact (prints a summary), 1 when not (prints {@code FAIL:}
 * and the first bad entry), 2 on usage errors.
 *
 * @see <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
 */
public final class LedgerCli {

  /** Exit status of an intact export. */
  public static final int OK = 0;

  /** Exit status of an export that failed verification. */
  public static final int FAILED = 1;

  /** Exit status of a usage error. */
  public static final int USAGE = 2;

  private static final String USAGE_TEXT =
      """
      usage: java -jar bulwark-ledger.jar verify --key <vkey>|@<file> [--key ...] <export.jsonl>

        --key  a trusted log key, <name>+<hex key id>+<base64 key>, or @file with one key a line
               (blank lines and lines starting with # are ignored); repeatable

      exit status: 0 intact, 1 verification failed, 2 usage error
      """;

  private LedgerCli() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command, writing to {@code out} and {@code err}, and returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(USAGE_TEXT);
      return OK;
    }
    if (args.length == 0 || !args[0].equals("verify")) {
      return usage(err, args.length == 0 ? "no command" : "unknown command " + args[0]);
    }
    List<SignedNoteVerifierKey> keys = new ArrayList<>();
    Path export = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--key")) {
        if (++i == args.length) {
          return usage(err, "--key needs a value");
        }
        try {
          keys.addAll(parseKeys(args[i]));
        } catch (IllegalArgumentException e) {
          return usage(err, "bad --key: " + e.getMessage());
        }
      } else if (args[i].startsWith("-")) {
        return usage(err, "unknown option " + args[i]);
      } else if (export != null) {
        return usage(err, "only one export file may be given");
      } else {
        export = Path.of(args[i]);
      }
    }
    if (keys.isEmpty()) {
      return usage(err, "at least one --key is required");
    }
    if (export == null) {
      return usage(err, "no export file given");
    }
    if (!Files.isReadable(export)) {
      return usage(err, "cannot read " + export);
    }
    ExportVerification outcome;
    try (Reader reader =
        new java.io.InputStreamReader(
            Files.newInputStream(export),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      outcome = new LedgerExportVerifier(keys).verify(reader);
    } catch (IOException | UncheckedIOException e) {
      out.println("FAIL: export: cannot be read as UTF-8 text");
      return FAILED;
    }
    return switch (outcome) {
      case ExportVerification.Intact intact -> {
        out.println(intact.summary());
        yield OK;
      }
      case ExportVerification.Failed failed -> {
        out.println(failed.summary());
        yield FAILED;
      }
    };
  }

  private static List<SignedNoteVerifierKey> parseKeys(String value) {
    if (!value.startsWith("@")) {
      return List.of(SignedNoteVerifierKey.parse(value));
    }
    Path file = Path.of(value.substring(1));
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file);
    }
    List<SignedNoteVerifierKey> keys = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        keys.add(SignedNoteVerifierKey.parse(trimmed));
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("key file " + file + " holds no key");
    }
    return keys;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("error: " + problem);
    err.print(USAGE_TEXT);
    return USAGE;
  }
}
