package io.bulwark.benchmarks.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signatures per second of an access token's JWS, one thread, for each signer the server could use:
 * the JDK's providers and Bouncy Castle's, P-256 (ES256) and RSA-2048 (RS256). The server's {@code
 * TokenSigners} picks the faster one per algorithm from these figures. Each signer is built as the
 * server builds it: once per key, with Bouncy Castle's key in its own form.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenSignatureBenchmark {

  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  /** The claims of a client_credentials token as the server issues them. */
  private static final Payload PAYLOAD =
      new Payload(
          "{\"sub\":\"bench\",\"aud\":[\"bench\",\"urn:bulwark:api\"],\"nbf\":1764748800,"
              + "\"scope\":[\"audit:write\"],\"roles\":[\"audit-writer\"],"
              + "\"iss\":\"http://127.0.0.1:8213/t/system\",\"tid\":\"system\","
              + "\"exp\":1764749100,\"iat\":1764748800,"
              + "\"jti\":\"0193a1f2-7c4e-7b3a-9d2e-1f0a5b6c7d8e\",\"principal_type\":\"client\"}");

  /** Algorithm and provider of the signer. */
  @Param({"ES256-JDK", "ES256-BC", "RS256-JDK", "RS256-BC"})
  public String signer;

  private JWSSigner jwsSigner;
  private JWSHeader header;

  /** Generates the key, builds the signer and checks that one signature verifies. */
  @Setup
  public void setUp() throws Exception {
    boolean bouncyCastle = signer.endsWith("-BC");
    JWSAlgorithm algorithm;
    JWSVerifier verifier;
    if (signer.startsWith("ES256")) {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
      jwsSigner =
          bouncyCastle
              ? new ECDSASigner(bouncyCastleKey("EC", key.toECPrivateKey()), Curve.P_256)
              : new ECDSASigner(key);
      algorithm = JWSAlgorithm.ES256;
      verifier = new ECDSAVerifier(key.toPublicJWK());
    } else {
      RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
      jwsSigner =
          bouncyCastle
              ? new RSASSASigner(bouncyCastleKey("RSA", key.toRSAPrivateKey()))
              : new RSASSASigner(key);
      algorithm = JWSAlgorithm.RS256;
      verifier = new RSASSAVerifier(key.toPublicJWK());
    }
    if (bouncyCastle) {
      jwsSigner.getJCAContext().setProvider(BOUNCY_CASTLE);
    }
    header = new JWSHeader.Builder(algorithm).keyID("bench").build();
    if (!sign().verify(verifier)) {
      throw new IllegalStateException(signer + " made a signature that does not verify");
    }
  }

  /** One access token's signature. */
  @Benchmark
  public JWSObject sign() throws JOSEException {
    JWSObject token = new JWSObject(header, PAYLOAD);
    token.sign(jwsSigner);
    return token;
  }

  private static PrivateKey bouncyCastleKey(String algorithm, PrivateKey key) throws Exception {
    return KeyFactory.getInstance(algorithm, BOUNCY_CASTLE)
        .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
  }
}
