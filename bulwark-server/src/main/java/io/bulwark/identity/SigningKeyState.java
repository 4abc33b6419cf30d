package io.bulwark.identity;

/**
 * The life of a signing key. Rotation moves each key one step: next becomes current, current
 * becomes previous, previous is retired. Discovery's JWKS publishes next, current and previous, so
 * verifiers learn a key before it signs and keep it until every token it signed has expired.
 */
public enum SigningKeyState {
  /** Published, not yet signing. */
  NEXT,
  /** Signs new tokens. */
  CURRENT,
  /** Published so that tokens it signed keep validating. */
  PREVIOUS,
  /** No longer published. */
  RETIRED
}
