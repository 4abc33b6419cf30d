package io.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM options file the launcher and the benchmarks start the server with. */
class JvmOptionsTests {

  private static final Path OPTIONS = Path.of("jvm.options");

  @Test
  void theJvmTakesEveryOptionWithItsValue() throws IOException, InterruptedException {
    assertThat(OPTIONS).exists();
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process =
        new ProcessBuilder(java, "@" + OPTIONS, "-XX:+PrintFlagsFinal", "-version")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    List<String> options =
        Files.readAllLines(OPTIONS).stream()
            .map(String::strip)
            .filter(line -> line.startsWith("-XX:"))
            .toList();
    assertThat(options).isNotEmpty();
    for (String option : options) {
      String[] flag = option.substring("-XX:".length()).split("=", 2);
      assertThat(output)
          .as(option)
          .containsPattern(
              "(?m)^\\s*\\S+\\s+" + flag[0] + "\\s+= " + flag[1] + "\\s+\\{.*\\{command line\\}$");
    }
  }
}
