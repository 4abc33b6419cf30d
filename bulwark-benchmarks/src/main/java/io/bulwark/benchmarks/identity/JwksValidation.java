package io.bulwark.benchmarks.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.bulwark.benchmarks.load.ClosedLoop;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A library figure, not a server one: how fast a resource server validates a server's access tokens
 * by itself, from the server's published JWK set, with Nimbus JOSE+JWT (the library under Spring
 * Security's {@code NimbusJwtDecoder}). Given a pool of valid tokens (a file written by {@link
 * TokenPool}) and the JWK set, fetched once, {@code threads} threads in this JVM each validate a
 * random token of the pool back to back (parse, pick the key by {@code kid}, verify the signature,
 * check {@code typ}, {@code iss}, {@code exp}) for a bounded time, after a warm-up. The server is
 * idle meanwhile. Reports validations per second and this JVM's CPU microseconds per validation
 * (the threads' own CPU time).
 *
 * <p>Usage: {@code java -cp bulwark-benchmarks.jar io.bulwark.benchmarks.identity.JwksValidation
 * <tokens-file> <jwks-url> [threads=16] [seconds=30] [warmup-seconds=10]}
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-7.2">RFC 7519 §7.2</a>
 */
public final class JwksValidation {

  private JwksValidation() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: JwksValidation <tokens-file> <jwks-url> [threads] [seconds] [warmup]");
      System.exit(2);
    }
    String[] tokens = TokenPool.read(Path.of(args[0])).toArray(String[]::new);
    URI jwksUrl = URI.create(args[1]);
    ClosedLoop.requireLoopback(jwksUrl);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;

    HttpResponse<String> jwks =
        ClosedLoop.keepAliveClient()
            .send(
                HttpRequest.newBuilder(jwksUrl).timeout(TokenPool.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    if (jwks.statusCode() != 200) {
      throw new IllegalStateException(jwksUrl + " answered " + jwks.statusCode());
    }
    DefaultJWTProcessor<SecurityContext> processor =
        processor(JWKSet.parse(jwks.body()), SignedJWT.parse(tokens[0]).getJWTClaimsSet());

    run(processor, tokens, threads, warmup);
    Tally tally = run(processor, tokens, threads, seconds);
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s library=nimbus-jose-jwt threads=%d seconds=%d pool=%d alg=%s validations=%d"
                + " failures=%d validations_per_s=%.0f cpu_us_per_validation=%.1f",
            jwksUrl,
            threads,
            seconds,
            tokens.length,
            SignedJWT.parse(tokens[0]).getHeader().getAlgorithm(),
            tally.validations,
            tally.failures,
            tally.validations / (double) seconds,
            tally.cpuNanos / 1000.0 / Math.max(1, tally.validations)));
  }

  private static DefaultJWTProcessor<SecurityContext> processor(JWKSet keys, JWTClaimsSet sample) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), new ImmutableJWKSet<>(keys)));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder().issuer(sample.getIssuer()).build(), Set.of("exp")));
    return processor;
  }

  private static Tally run(
      DefaultJWTProcessor<SecurityContext> processor, String[] tokens, int threads, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Tally>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        SplittableRandom random = new SplittableRandom(i + 1);
        futures.add(
            pool.submit(() -> {
              Tally tally = new Tally();
              long started = cpu.getCurrentThreadCpuTime();
              while (System.nanoTime() < deadline) {
                try {
                  processor.process(tokens[random.nextInt(tokens.length)], null);
                  tally.validations++;
                } catch (Exception e) {
                  tally.failures++;
                }
              }
              tally.cpuNanos = cpu.getCurrentThreadCpuTime() - started;
              return tally;
            }));
      }
      Tally total = new Tally();
      for (Future<Tally> future : futures) {
        Tally tally = future.get();
        total.validations += tally.validations;
        total.failures += tally.failures;
        total.cpuNanos += tally.cpuNanos;
      }
      return total;
    }
  }

  private static final class Tally {
    long validations;
    long failures;
    long cpuNanos;
  }
}
