package io.bulwark.redact.cli;

import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.MaskingStrategy;
import io.bulwark.redact.PseudonymKey;
import io.bulwark.redact.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code bulwark-redact.jar}.
 *
 * <pre>
 * java -jar bulwark-redact.jar [options] &lt; in &gt; out      redact stdin line by line
 *   --json                 lines are JSON documents: structural redaction (text fallback)
 *   --findings             print a JSON report of findings instead of redacted text
 *   --mask=replace|last4|hmac|drop   masking strategy (default replace)
 *   --hmac-key-env=VAR     environment variable holding the HMAC key (hex or text, 16+ bytes)
 *   --types=A,B            only these types      --without=A,B   not these types
 *   --min-confidence=0.5
 * java -jar bulwark-redact.jar scan &lt;dir&gt; [--sarif] [--types=A,B]
 *   exit 1 when secrets are found, 0 when none, 2 on usage errors
 * </pre>
 */
public final class RedactCli {

  private RedactCli() {}

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.in, System.out, System.err, System.getenv());
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs the command against the given streams and environment.
   *
   * @return the exit status
   */
  public static int run(
      String[] args, InputStream in, OutputStream out, PrintStream err, Map<String, String> env) {
    try {
      List<String> arguments = new ArrayList<>(Arrays.asList(args));
      if (arguments.contains("--help") || arguments.contains("-h")) {
        err.println(usage());
        return 0;
      }
      if (!arguments.isEmpty() && arguments.getFirst().equals("scan")) {
        arguments.removeFirst();
        return scan(arguments, out, err);
      }
      return filter(arguments, in, out, err, env);
    } catch (UsageException e) {
      err.println("bulwark-redact: " + e.getMessage());
      err.println(usage());
      return 2;
    } catch (IOException e) {
      err.println("bulwark-redact: I/O error: " + e.getMessage());
      return 3;
    }
  }

  private static int filter(
      List<String> arguments,
      InputStream in,
      OutputStream out,
      PrintStream err,
      Map<String, String> env)
      throws IOException {
    boolean json = false;
    boolean findings = false;
    Redactor.Builder builder = Redactor.builder();
    String mask = "replace";
    String keyEnv = null;
    for (String argument : arguments) {
      if (argument.equals("--json")) {
        json = true;
      } else if (argument.equals("--findings")) {
        findings = true;
      } else if (argument.startsWith("--mask=")) {
        mask = value(argument);
      } else if (argument.startsWith("--hmac-key-env=")) {
        keyEnv = value(argument);
      } else if (!common(argument, builder)) {
        throw new UsageException("unknown argument " + argument);
      }
    }
    builder.defaultStrategy(strategy(mask, keyEnv, env));
    Redactor redactor = build(builder);
    var filter = new LineFilter(redactor, json, findings);
    filter.run(in, out);
    return 0;
  }

  private static int scan(List<String> arguments, OutputStream out, PrintStream err)
      throws IOException {
    Path root = null;
    boolean sarif = false;
    Redactor.Builder builder = Redactor.builder().types(DetectorTypes.SECRETS);
    for (String argument : arguments) {
      if (argument.equals("--sarif")) {
        sarif = true;
      } else if (argument.startsWith("--")) {
        if (!common(argument, builder)) {
          throw new UsageException("unknown argument " + argument);
        }
      } else if (root == null) {
        root = Path.of(argument);
      } else {
        throw new UsageException("scan takes one directory");
      }
    }
    if (root == null || !Files.isDirectory(root)) {
      throw new UsageException("scan needs an existing directory");
    }
    SecretScan scan = new SecretScan(build(builder));
    List<SecretScan.Result> results = scan.scan(root);
    if (sarif) {
      SarifReport.write(results, scan.redactor().types(), out);
    } else {
      PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
      for (SecretScan.Result result : results) {
        print.printf(
            "%s:%d:%d: %s%n", result.path(), result.line(), result.column(), result.type());
      }
      print.flush();
    }
    err.printf(
        "bulwark-redact: scanned %d files (%d skipped as binary), %d secrets found%n",
        scan.filesScanned(), scan.binaryFilesSkipped(), results.size());
    return results.isEmpty() ? 0 : 1;
  }

  private static boolean common(String argument, Redactor.Builder builder) {
    if (argument.startsWith("--types=")) {
      builder.types(list(value(argument)));
    } else if (argument.startsWith("--without=")) {
      builder.withoutTypes(list(value(argument)));
    } else if (argument.startsWith("--min-confidence=")) {
      try {
        builder.minConfidence(Double.parseDouble(value(argument)));
      } catch (NumberFormatException e) {
        throw new UsageException("--min-confidence needs a number");
      }
    } else {
      return false;
    }
    return true;
  }

  private static Redactor build(Redactor.Builder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static MaskingStrategy strategy(String mask, String keyEnv, Map<String, String> env) {
    return switch (mask) {
      case "replace" -> MaskingStrategy.replace();
      case "last4" -> MaskingStrategy.keepLast(4);
      case "drop" -> MaskingStrategy.drop();
      case "hmac" -> {
        if (keyEnv == null || env.get(keyEnv) == null) {
          throw new UsageException("--mask=hmac needs --hmac-key-env naming a set variable");
        }
        String key = env.get(keyEnv);
        byte[] material;
        try {
          material = HexFormat.of().parseHex(key);
        } catch (IllegalArgumentException notHex) {
          material = key.getBytes(StandardCharsets.UTF_8);
        }
        try {
          yield MaskingStrategy.pseudonymize(PseudonymKey.of(material));
        } catch (IllegalArgumentException e) {
          throw new UsageException("the HMAC key must have at least 16 bytes");
        } finally {
          Arrays.fill(material, (byte) 0);
        }
      }
      default -> throw new UsageException("unknown mask " + mask);
    };
  }

  private static String value(String argument) {
    return argument.substring(argument.indexOf('=') + 1);
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static String usage() {
    return """
    usage: java -jar bulwark-redact.jar [--json] [--findings] [--mask=replace|last4|hmac|drop]
                                        [--hmac-key-env=VAR] [--types=A,B] [--without=A,B]
                                        [--min-confidence=0.5]  < input > output
           java -jar bulwark-redact.jar scan <dir> [--sarif] [--types=A,B]
    types:\
    """
        + String.join(", ", DetectorTypes.ALL);
  }

  /** A command-line mistake: reported with the usage text and exit status 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
