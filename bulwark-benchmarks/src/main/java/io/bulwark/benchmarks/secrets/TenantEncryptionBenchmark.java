package io.bulwark.benchmarks.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code TinkTenantEncryption} does per secret once the tenant's keyset is open (it is
 * cached): Tink AES-256-GCM over a 1 KiB value with the vault's associated data (tenant, path,
 * version). One thread. Goal: ≥ 500,000 ops/s per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TenantEncryptionBenchmark {

  private Aead aead;
  private byte[] plaintext;
  private byte[] associatedData;
  private byte[] ciphertext;

  @Setup
  public void setUp() throws GeneralSecurityException {
    AeadConfig.register();
    // A keyset of two keys, as after one rotation: decryption finds its key by the id prefix.
    KeysetHandle rotated =
        KeysetHandle.newBuilder(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM))
            .addEntry(
                KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary())
            .build();
    aead = rotated.getPrimitive(RegistryConfiguration.get(), Aead.class);
    plaintext = new byte[1024];
    new SplittableRandom(7).nextBytes(plaintext);
    associatedData =
        "bulwark:secret:v1\n0b7c2a59-0c55-4a55-9f0e-3b3f1c1f2a10\npayments/stripe/api-key\n3"
            .getBytes(StandardCharsets.UTF_8);
    ciphertext = aead.encrypt(plaintext, associatedData);
  }

  @Benchmark
  public byte[] encrypt1KiB() throws GeneralSecurityException {
    return aead.encrypt(plaintext, associatedData);
  }

  @Benchmark
  public byte[] decrypt1KiB() throws GeneralSecurityException {
    return aead.decrypt(ciphertext, associatedData);
  }
}
