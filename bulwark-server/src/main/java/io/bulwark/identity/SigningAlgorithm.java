package io.bulwark.identity;

/**
 * The JWS algorithms a tenant's signing keys can use.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.1">RFC 7518 §3.1</a>
 */
public enum SigningAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256 over a 2048-bit RSA key; the default. */
  RS256,
  /** ECDSA on P-256 with SHA-256. */
  ES256
}
