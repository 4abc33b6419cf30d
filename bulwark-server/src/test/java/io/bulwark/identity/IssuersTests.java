package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.tenancy.TenantSlug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssuersTests {

  @Test
  void issuerPathNamesTheTenant() {
    assertThat(Issuers.slugOfIssuer("https://id.example.com/t/acme"))
        .contains(new TenantSlug("acme"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://id.example.com/t/acme/",
        "https://id.example.com/t/acme/extra",
        "https://id.example.com/x/t/acme",
        "https://id.example.com/t/acme?x=1",
        "https://id.example.com/t/acme#f",
        "https://id.example.com/t/ACME",
        "https://id.example.com/acme",
        "not a uri at all"
      })
  void anythingButExactlyTSlugIsNotABulwarkIssuer(String issuer) {
    assertThat(Issuers.slugOfIssuer(issuer)).isEmpty();
  }

  @Test
  void requestPathsUnderAnIssuerYieldTheirSlug() {
    assertThat(Issuers.slugOfRequestPath("/t/acme/oauth2/token")).contains("acme");
    assertThat(Issuers.slugOfRequestPath("/api/v1/tenants")).isEmpty();
  }
}
