package io.bulwark.audit;

import io.bulwark.platform.TenantId;
import java.util.Objects;

/**
 * Rotation of a tenant's checkpoint signing key (C2SP signed-note, Ed25519). The new key signs
 * every later checkpoint; the previous keys stay published, so checkpoints they signed keep
 * verifying.
 *
 * @see <a href="https://c2sp.org/signed-note">C2SP signed-note</a>
 */
public interface AuditCheckpointKeys {

  /**
   * Makes a new Ed25519 checkpoint key the log's signer, records the rotation in the log and signs
   * a checkpoint with the new key.
   *
   * @param tenant whose log
   * @return the new verifier key, all published keys and the first checkpoint it signed
   */
  AuditKeyRotation rotate(TenantId tenant);

  /**
   * The outcome of a rotation.
   *
   * @param verifierKey the new key's C2SP verifier key
   * @param previousVerifierKey the key it replaced
   * @param checkpoint the first checkpoint the new key signed
   */
  record AuditKeyRotation(
      String verifierKey, String previousVerifierKey, AuditCheckpoint checkpoint) {

    public AuditKeyRotation {
      Objects.requireNonNull(verifierKey, "verifierKey");
      Objects.requireNonNull(previousVerifierKey, "previousVerifierKey");
      Objects.requireNonNull(checkpoint, "checkpoint");
    }
  }
}
