package io.bulwark.audit;

import io.bulwark.ledger.merkle.Rfc9162InclusionProof;
import io.bulwark.ledger.merkle.Sha256Hash;
import java.util.Objects;

/**
 * An inclusion proof together with the stored leaf hash it starts from.
 *
 * @param proof the audit path (RFC 9162 §2.1.3.1)
 * @param leafHash the leaf hash stored for the entry
 */
public record AuditInclusionProof(Rfc9162InclusionProof proof, Sha256Hash leafHash) {

  public AuditInclusionProof {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(leafHash, "leafHash");
  }
}
