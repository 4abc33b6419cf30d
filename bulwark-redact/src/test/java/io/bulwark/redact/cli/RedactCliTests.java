package io.bulwark.redact.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

class RedactCliTests {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(byte[] input, Map<String, String> env, String... args) {
    return RedactCli.run(
        args,
        new ByteArrayInputStream(input),
        out,
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env);
  }

  private int run(String input, String... args) {
    return run(input.getBytes(StandardCharsets.UTF_8), Map.of(), args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void filterRedactsLineByLineAndKeepsCleanLinesByteForByte() {
    String input =
        "clean line ü\nmail bob@example.com\r\nlast line without newline 4111111111111111";
    assertThat(run(input)).isZero();
    assertThat(stdout())
        .isEqualTo(
            "clean line ü\nmail [REDACTED:EMAIL]\r\nlast line without newline [REDACTED:CREDIT_CARD]");
  }

  @Test
  void invalidUtf8PassesThroughUnchanged() {
    byte[] input = {'o', 'k', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, '\n', 'x', '\n'};
    assertThat(run(input, Map.of())).isZero();
    assertThat(out.toByteArray()).isEqualTo(input);
  }

  @Test
  void privateKeyBlockAcrossLinesIsSuppressedUntilItsEnd() {
    String input =
        "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabcdef\n-----END RSA PRIVATE KEY-----\nafter\n";
    run(input);
    assertThat(stdout()).isEqualTo("before\n[REDACTED:PRIVATE_KEY]\nafter\n");
  }

  @Test
  void jsonModeRedactsStructurallyAndFallsBackToTextForOtherLines() {
    run(
        "{\"password\":\"x1\",\"note\":\"call +1 415 555 0132\"}\nnot json bob@example.com\n",
        "--json");
    assertThat(stdout())
        .isEqualTo(
            "{\"password\":\"[REDACTED:PASSWORD]\",\"note\":\"call [REDACTED:PHONE]\"}\nnot json [REDACTED:EMAIL]\n");
  }

  @Test
  void findingsModePrintsAJsonReportWithoutValues() {
    run("a bob@example.com\nb\nc password=hunter2\n", "--findings");
    assertThat(stdout())
        .isEqualTo(
            "{\"findings\":[{\"line\":1,\"type\":\"EMAIL\",\"start\":2,\"end\":17,\"confidence\":0.9},"
                + "{\"line\":3,\"type\":\"PASSWORD\",\"start\":11,\"end\":18,\"confidence\":0.9}],"
                + "\"summary\":{\"lines\":3,\"findings\":2,\"byType\":{\"EMAIL\":1,\"PASSWORD\":1}}}")
        .doesNotContain("hunter2");
  }

  @Test
  void hmacMaskReadsItsKeyFromTheEnvironment() {
    byte[] input = "bob@example.com\nbob@example.com\n".getBytes(StandardCharsets.UTF_8);
    assertThat(
            run(
                input,
                Map.of("K", "00112233445566778899aabbccddeeff"),
                "--mask=hmac",
                "--hmac-key-env=K"))
        .isZero();
    String[] lines = stdout().split("\n");
    assertThat(lines[0]).matches("\\[EMAIL#[0-9a-f]{16}]").isEqualTo(lines[1]);
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("", "--bogus")).isEqualTo(2);
    assertThat(run("", "--mask=hmac")).isEqualTo(2);
    assertThat(run("", "--types=NOPE")).isEqualTo(2);
    assertThat(run("", "scan")).isEqualTo(2);
  }

  @Test
  void scanFindsSecretsSkipsGitAndBinariesAndExitsWithOne(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("src/main"));
    Files.createDirectories(dir.resolve(".git/objects"));
    Files.writeString(
        dir.resolve("src/main/App.java"),
        "class App {\n  String key = \"AKIAIOSFODNN7EXAMPLE\";\n  String mail = \"bob@example.com\";\n}\n");
    Files.writeString(dir.resolve("config.yml"), "db:\n  password: s3cr3t-value\n");
    Files.writeString(dir.resolve(".git/objects/leak"), "ghp_16C7e42F292c6912E7710c838347Ae178B4a");
    Files.write(dir.resolve("image.bin"), new byte[] {1, 0, 'A', 'K', 'I', 'A'});

    assertThat(run("", "scan", dir.toString())).isEqualTo(1);
    assertThat(stdout())
        .isEqualTo("config.yml:2:13: PASSWORD\nsrc/main/App.java:2:17: API_KEY\n")
        .doesNotContain("s3cr3t");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("scanned 2 files (1 skipped as binary), 2 secrets found");
  }

  @Test
  void scanOfACleanTreeExitsWithZero(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("README.md"), "nothing secret here, version 1.2.3\n");
    assertThat(run("", "scan", dir.toString())).isZero();
  }

  @Test
  void scanWritesSarif210(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.env"), "STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n");
    assertThat(run("", "scan", dir.toString(), "--sarif")).isEqualTo(1);
    String sarif = stdout();
    assertThat(sarif)
        .contains("\"version\":\"2.1.0\"")
        .contains("\"ruleId\":\"API_KEY\"")
        .contains("\"uri\":\"a.env\"")
        .contains("\"startLine\":1,\"startColumn\":8")
        .doesNotContain("4eC39HqLyjWDarjtT1zdp7dc");
    try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), sarif)) {
      int depth = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
      }
      assertThat(depth).isZero();
    }
  }
}
