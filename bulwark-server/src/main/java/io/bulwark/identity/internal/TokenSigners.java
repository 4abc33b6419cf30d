package io.bulwark.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The signer of a tenant's current key. ECDSA P-256 signs through Bouncy Castle's provider (not
 * registered in the JVM, used only here), the largest single cost of an ES256 token: on this
 * project's machines it signs 1.8× (Intel Xeon with AVX-512 IFMA, where the JDK's SunEC has its
 * P-256 intrinsics) to 2.6× (AMD EPYC with AVX2 only) as fast as SunEC ({@code
 * TokenSignatureBenchmark}, docs/benchmarks.md). RSA stays with the JDK, which is as fast as Bouncy
 * Castle for it.
 */
final class TokenSigners {

  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private TokenSigners() {}

  /**
   * @param key a private signing key
   * @return its signer
   * @throws IllegalStateException if the key has no private part or is of another type
   */
  static JWSSigner of(JWK key) {
    if (!key.isPrivate()) {
      throw new IllegalStateException("Signing key " + key.getKeyID() + " has no private part");
    }
    try {
      return switch (key) {
        case ECKey ec -> {
          // The key in Bouncy Castle's own form, so its fixed-base precomputation is reused.
          PrivateKey privateKey =
              KeyFactory.getInstance("EC", BOUNCY_CASTLE)
                  .generatePrivate(new PKCS8EncodedKeySpec(ec.toECPrivateKey().getEncoded()));
          ECDSASigner signer = new ECDSASigner(privateKey, ec.getCurve());
          signer.getJCAContext().setProvider(BOUNCY_CASTLE);
          yield signer;
        }
        case RSAKey rsa -> new RSASSASigner(rsa);
        default -> throw new IllegalStateException("No signer for key type " + key.getKeyType());
      };
    } catch (JOSEException | GeneralSecurityException e) {
      throw new IllegalStateException("Signing key " + key.getKeyID() + " cannot sign", e);
    }
  }
}
