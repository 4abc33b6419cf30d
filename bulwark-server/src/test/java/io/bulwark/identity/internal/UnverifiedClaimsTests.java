package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

class UnverifiedClaimsTests {

  @Test
  void readsTheClaimsOfASignedToken() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.ES256),
            new JWTClaimsSet.Builder()
                .subject("worker")
                .jwtID("j-1")
                .claim("typ", "client")
                .build());
    jwt.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));

    JWTClaimsSet claims = UnverifiedClaims.of(jwt.serialize());

    assertThat(claims).isNotNull();
    assertThat(claims.getSubject()).isEqualTo("worker");
    assertThat(claims.getJWTID()).isEqualTo("j-1");
    assertThat(claims.getClaim("typ")).isEqualTo("client");
  }

  @Test
  void anythingButThreeSegmentsWithAJsonObjectPayloadHasNoClaims() {
    String payload = Base64URL.encode("{\"sub\":\"worker\"}").toString();

    assertThat(UnverifiedClaims.of("e30." + payload + ".c2ln")).isNotNull();
    assertThat(UnverifiedClaims.of("e30." + payload)).isNull();
    assertThat(UnverifiedClaims.of("e30." + payload + ".c2ln.ZXh0cmE")).isNull();
    assertThat(UnverifiedClaims.of("not a token")).isNull();
    assertThat(UnverifiedClaims.of("e30." + Base64URL.encode("[1,2]") + ".c2ln")).isNull();
    assertThat(UnverifiedClaims.of("e30." + Base64URL.encode("not json") + ".c2ln")).isNull();
    assertThat(UnverifiedClaims.of("e30.%%%.c2ln")).isNull();
  }
}
