package io.bulwark.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant with an administrator, a user and OAuth clients, ready for sign-in tests: a public
 * client {@code spa} (PKCE) and a confidential client {@code web} with refresh tokens, both
 * redirecting to {@code http://127.0.0.1:{port}/callback}.
 */
public final class TestSignIns {

  public static final String ADMIN_SECRET = "tenant-admin-secret-0123456789abcdefgh";
  public static final String PASSWORD = "correct horse battery staple 42";
  private static final Pattern RECOVERY = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>");
  private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");

  public final TestApi api;
  public final int port;
  public final String slug;
  public final TenantId tenant;
  public final String admin;
  public final String userId;
  public final String webSecret;
  public final String redirectUri;

  /** The TOTP step and code that confirmed the latest {@link #enrollThroughLogin}. */
  public long enrollmentStep;

  public String enrollmentCode;

  /** The recovery codes shown by the latest {@link #enrollThroughLogin}. */
  public final List<String> recoveryCodes = new ArrayList<>();

  public TestSignIns(int port, TestClients clients, String username) {
    this.port = port;
    this.api = new TestApi(port);
    var acme = TestTenants.acme();
    slug = acme.slug();
    TestApi.Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "admin", ADMIN_SECRET, "tenant-admin");
    admin = api.token(slug, "admin", ADMIN_SECRET);
    redirectUri = "http://127.0.0.1:" + port + "/callback";
    TestApi.Response user =
        api.post("/api/v1/tenants/" + slug + "/users")
            .bearer(admin)
            .json("{\"username\": \"%s\", \"password\": \"%s\"}".formatted(username, PASSWORD))
            .send();
    assertThat(user.status()).as(user.toString()).isEqualTo(201);
    userId = user.json().get("id").asString();
    TestApi.Response spa =
        api.post("/api/v1/tenants/" + slug + "/clients")
            .bearer(admin)
            .json(
                """
                {"client_id": "spa", "name": "Web app", "type": "public", "scopes": ["openid"],
                 "grant_types": ["authorization_code"], "redirect_uris": ["%s"]}\
                """
                    .formatted(redirectUri))
            .send();
    assertThat(spa.status()).as(spa.toString()).isEqualTo(201);
    TestApi.Response web =
        api.post("/api/v1/tenants/" + slug + "/clients")
            .bearer(admin)
            .json(
                """
                {"client_id": "web", "name": "Server app", "scopes": ["openid"],
                 "grant_types": ["authorization_code", "refresh_token"], "redirect_uris": ["%s"]}\
                """
                    .formatted(redirectUri))
            .send();
    assertThat(web.status()).as(web.toString()).isEqualTo(201);
    webSecret = web.json().get("client_secret").asString();
  }

  /** A code the server has not accepted yet and will accept now: a later step, within ±1. */
  public String nextCode(String key) {
    return TestTotp.code(key, Math.max(enrollmentStep + 1, TestTotp.currentStep()));
  }

  public String authorizePath(String clientId, TestBrowser.Pkce pkce, String state, String nonce) {
    return "/t/"
        + slug
        + "/oauth2/authorize?response_type=code&client_id="
        + clientId
        + "&redirect_uri="
        + TestBrowser.enc(redirectUri)
        + "&scope=openid&state="
        + state
        + "&nonce="
        + nonce
        + (pkce == null
            ? ""
            : "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
  }

  public void requireMfa() {
    TestApi.Response put =
        api.request("PUT", "/api/v1/tenants/" + slug + "/settings/mfa")
            .bearer(admin)
            .json("{\"mode\": \"required\"}")
            .send();
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
  }

  /** Signs in with the password; when the page asks to enroll, enrolls and returns the key. */
  public String enrollThroughLogin(TestBrowser browser, String username) {
    TestApi.Response login =
        browser.submit("/t/" + slug + "/login", Map.of("username", username, "password", PASSWORD));
    assertThat(login.header("Location")).endsWith("/t/" + slug + "/login/enroll");
    TestApi.Response page = browser.get("/t/" + slug + "/login/enroll");
    Matcher secret = SECRET.matcher(page.body());
    assertThat(secret.find()).as(page.body()).isTrue();
    String key = secret.group(1);
    enrollmentStep = TestTotp.currentStep();
    enrollmentCode = TestTotp.code(key, enrollmentStep);
    TestApi.Response confirmed =
        browser.submit("/t/" + slug + "/login/enroll", Map.of("code", enrollmentCode));
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    assertThat(confirmed.body()).contains("recovery-codes");
    recoveryCodes.clear();
    Matcher code = RECOVERY.matcher(confirmed.body());
    while (code.find()) {
      recoveryCodes.add(code.group(1));
    }
    return key;
  }
}
