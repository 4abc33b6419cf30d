package io.bulwark.identity.internal;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a compact JWS read without checking its signature: only the payload segment is
 * decoded, neither the header nor the signature is parsed. For tokens this server has just issued
 * (what the audit record says about them) and for routing a token to the check that verifies it;
 * never for deciding what a token may do.
 */
final class UnverifiedClaims {

  private UnverifiedClaims() {}

  /**
   * @param token a compact JWS, {@code header.payload.signature}
   * @return its claims, or nothing when it is not a JWS with a JSON object as payload
   */
  static @Nullable JWTClaimsSet of(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      return null;
    }
    try {
      return JWTClaimsSet.parse(new Base64URL(token.substring(first + 1, second)).decodeToString());
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }
}
