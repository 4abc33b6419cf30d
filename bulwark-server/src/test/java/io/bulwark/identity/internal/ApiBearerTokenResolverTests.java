package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

class ApiBearerTokenResolverTests {

  static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/==";

  final ApiBearerTokenResolver resolver = new ApiBearerTokenResolver();

  @Test
  void bearerHeaderGivesItsToken() {
    assertThat(resolver.resolve(get("Bearer " + TOKEN))).isEqualTo(TOKEN);
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(resolver.resolve(get("bEARER " + TOKEN))).isEqualTo(TOKEN);
  }

  @Test
  void noHeaderOrAnotherSchemeGivesNoToken() {
    assertThat(resolver.resolve(new MockHttpServletRequest("GET", "/api/v1/tenants"))).isNull();
    assertThat(resolver.resolve(get("Basic YTpi"))).isNull();
  }

  @Test
  void tokenWithASpaceOrAForeignCharacterIsMalformed() {
    for (String bad :
        new String[] {"Bearer a b", "Bearer a\"b", "Bearer a=b", "Bearer ", "Bearer é"}) {
      assertThatThrownBy(() -> resolver.resolve(get(bad)))
          .as(bad)
          .isInstanceOf(OAuth2AuthenticationException.class)
          .hasMessageContaining("malformed");
    }
  }

  @Test
  void requestWithAQueryStringIsLeftToTheDefaultResolverWhichTakesTheHeader() {
    MockHttpServletRequest request = get("Bearer " + TOKEN);
    request.setQueryString("access_token=other");
    request.addParameter("access_token", "other");

    assertThat(resolver.resolve(request)).isEqualTo(TOKEN);
  }

  @Test
  void b64TokenGrammarNeedsOneCharacterAndAllowsOnlyTrailingPadding() {
    assertThat(ApiBearerTokenResolver.isB64Token("x", 0)).isTrue();
    assertThat(ApiBearerTokenResolver.isB64Token("ab==", 0)).isTrue();
    assertThat(ApiBearerTokenResolver.isB64Token("=", 0)).isFalse();
    assertThat(ApiBearerTokenResolver.isB64Token("", 0)).isFalse();
    assertThat(ApiBearerTokenResolver.isB64Token("a=b", 0)).isFalse();
  }

  private static MockHttpServletRequest get(String authorization) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("GET", "/api/v1/tenants/acme/users");
    request.addHeader("Authorization", authorization);
    return request;
  }
}
