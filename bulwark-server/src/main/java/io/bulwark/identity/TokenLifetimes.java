package io.bulwark.identity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long the tokens a tenant's issuer hands out stay valid. Applies to every token issued after a
 * change, for every client of the tenant.
 *
 * @param accessToken the access token's lifetime ({@code exp - iat}), 1 minute to 1 hour
 * @param refreshToken the refresh token's lifetime, 10 minutes to 90 days
 * @param authorizationCode the authorization code's lifetime, 1 to 10 minutes (RFC 6749 §4.1.2
 *     recommends at most 10)
 * @param idToken the OpenID Connect ID token's lifetime, 1 minute to 1 hour: how long a relying
 *     party may accept it as proof of the sign-in (it grants no API access)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-2.2.2">RFC 9700 §2.2.2</a>
 */
public record TokenLifetimes(
    Duration accessToken, Duration refreshToken, Duration authorizationCode, Duration idToken) {

  /**
   * The defaults: 5-minute access tokens, 1-hour refresh tokens, 5-minute codes, 30-minute ID
   * tokens.
   */
  public static final TokenLifetimes DEFAULT =
      new TokenLifetimes(
          Duration.ofMinutes(5),
          Duration.ofHours(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30));

  public TokenLifetimes {
    SettingBounds.requireWithin(
        "access_token_ttl", accessToken, Duration.ofMinutes(1), Duration.ofHours(1));
    SettingBounds.requireWithin(
        "refresh_token_ttl", refreshToken, Duration.ofMinutes(10), Duration.ofDays(90));
    SettingBounds.requireWithin(
        "authorization_code_ttl", authorizationCode, Duration.ofMinutes(1), Duration.ofMinutes(10));
    SettingBounds.requireWithin(
        "id_token_ttl", idToken, Duration.ofMinutes(1), Duration.ofHours(1));
  }

  /**
   * @return the values by their API names, as audit records show them
   */
  public Map<String, Object> asFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("access_token_ttl", SettingBounds.format(accessToken));
    fields.put("refresh_token_ttl", SettingBounds.format(refreshToken));
    fields.put("authorization_code_ttl", SettingBounds.format(authorizationCode));
    fields.put("id_token_ttl", SettingBounds.format(idToken));
    return fields;
  }
}
