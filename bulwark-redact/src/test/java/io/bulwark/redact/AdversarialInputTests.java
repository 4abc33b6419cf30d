package io.bulwark.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs built to make a backtracking or re-scanning engine go quadratic. Each is about 2 MiB; the
 * bounds are an order of magnitude above what a linear scan needs, so they only fail on
 * super-linear behaviour, not on a slow machine.
 */
class AdversarialInputTests {

  private static final int SIZE = 2 << 20;

  private static String repeat(String unit) {
    return unit.repeat(SIZE / unit.length());
  }

  static Stream<Arguments> inputs() {
    byte[] garbage = new byte[SIZE];
    new Random(7).nextBytes(garbage);
    return Stream.of(
        Arguments.of("digit run", repeat("4")),
        Arguments.of("digits with single separators", repeat("4 1-1.1/")),
        Arguments.of("nested parentheses and plus", repeat("(+(1) ")),
        Arguments.of("card-like groups", repeat("4111 ")),
        Arguments.of("at signs", repeat("a@")),
        Arguments.of("local parts without domain", repeat("aaaaaaaa.@")),
        Arguments.of("dotted domain", "x@" + repeat("a.")),
        Arguments.of("jwt prefixes", repeat("eyJ.")),
        Arguments.of("jwt-like segments", repeat("eyJhbGciOiJIUzI1NiJ9.")),
        Arguments.of("pem begins without end", repeat("-----BEGIN RSA PRIVATE KEY-----")),
        Arguments.of("dashes", repeat("-")),
        Arguments.of("assignments", repeat("password=")),
        Arguments.of("nested assignments", repeat("token=\"password:")),
        Arguments.of("quotes after key", repeat("secret:'")),
        Arguments.of("colons", repeat(":")),
        Arguments.of("hex colons", repeat("ab:")),
        Arguments.of("aws prefixes", repeat("AKIA")),
        Arguments.of("iban prefixes", repeat("DE89 ")),
        Arguments.of("bearer words", repeat("Bearer ")),
        Arguments.of("url schemes", repeat("a://b:c")),
        Arguments.of("one megabyte line of letters", repeat("a")),
        Arguments.of("invalid UTF-8", new String(garbage, StandardCharsets.UTF_8)),
        Arguments.of("raw bytes as Latin-1", new String(garbage, StandardCharsets.ISO_8859_1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void adversarialInputIsRedactedInBoundedTimeAndMemory(String name, String input) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    String result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> {
              long before = threads.getCurrentThreadAllocatedBytes();
              String redacted = Redactor.defaults().redact(input);
              long allocated = threads.getCurrentThreadAllocatedBytes() - before;
              assertThat(allocated)
                  .as("bytes allocated for %s", name)
                  .isLessThan(64L * input.length() + (16 << 20));
              return redacted;
            });
    assertThat((long) result.length()).isLessThanOrEqualTo(input.length() * 8L);
  }
}
