package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.bulwark.audit.AuditLedger;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestAudit;
import io.bulwark.support.TestBrowser;
import io.bulwark.support.TestBrowser.Pkce;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestSignIns;
import io.bulwark.support.TestTotp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BulwarkIntegrationTest
class LoginIntegrationTests {

  static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients testClients;
  @Autowired AuditLedger ledger;

  TestSignIns acme;
  TestBrowser browser;

  @BeforeEach
  void tenantWithUserAndClients() {
    acme = new TestSignIns(port, testClients, "alice");
    browser = new TestBrowser(port);
  }

  @Test
  void authorizeWhenNotSignedInThenRedirectsToTheTenantLoginPage() {
    Response authorize = browser.get(acme.authorizePath("spa", Pkce.create(), "s1", "n1"));

    assertThat(authorize.status()).isEqualTo(302);
    assertThat(authorize.header("Location")).endsWith("/t/" + acme.slug + "/login");
    Response page = browser.get("/t/" + acme.slug + "/login");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.body()).contains("name=\"_csrf\"");
  }

  @Test
  void passwordSignInThenCodeThenTokensNameTheUserWithAmrPwd() {
    Pkce pkce = Pkce.create();
    String code = signInAndAuthorize(browser, acme, "alice", pkce, "state-1", "nonce-1");

    JsonNode tokens = exchangePublic(acme, code, pkce.verifier());

    var id = claims(tokens.get("id_token").asString());
    assertThat(id.get("nonce")).isEqualTo("nonce-1");
    assertThat(id.get("sub")).isEqualTo(acme.userId);
    assertThat(id.get("amr")).isEqualTo(List.of("pwd"));
    var access = claims(tokens.get("access_token").asString());
    assertThat(access.get("sub")).isEqualTo(acme.userId);
    assertThat(access.get("tid")).isEqualTo(acme.tenant.toString());
    assertThat(access.get("amr")).isEqualTo(List.of("pwd"));
    assertThat(access.get("principal_type")).isEqualTo("user");
    assertThat(access.get("aud")).isEqualTo(List.of("spa", "urn:bulwark:api"));
    assertThat(access.get("scope")).isEqualTo(List.of("openid"));
    assertThat(access.get("jti")).isNotNull();
    assertThat(access.get("iss").toString()).endsWith("/t/" + acme.slug);
    assertThat(access.get("roles")).isEqualTo(List.of());
    assertThat(TestAudit.actions(ledger, acme.tenant)).contains("login.succeeded");
  }

  @Test
  void machineClientThatFailsToAuthenticateGetsNoSession() {
    HttpResponse<String> token = post(acme, null, "grant_type=client_credentials");

    assertThat(token.statusCode()).isEqualTo(401);
    assertThat(token.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void loginWithoutCsrfTokenIsRejected() {
    browser.get("/t/" + acme.slug + "/login");
    Response post =
        browser.post(
            "/t/" + acme.slug + "/login",
            Map.of("username", "alice", "password", TestSignIns.PASSWORD));

    assertThat(post.status()).isEqualTo(403);
    assertThat(post.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void sessionOfOneTenantDoesNotAuthorizeOnAnother() {
    TestSignIns globex = new TestSignIns(port, testClients, "alice");
    signInAndAuthorize(browser, acme, "alice", Pkce.create(), "s", "n");

    Response elsewhere = browser.get(globex.authorizePath("spa", Pkce.create(), "s", "n"));

    assertThat(elsewhere.status()).isEqualTo(302);
    assertThat(elsewhere.header("Location")).endsWith("/t/" + globex.slug + "/login");
  }

  @Test
  void publicClientWithoutPkceIsRefused() {
    signInAndAuthorize(browser, acme, "alice", Pkce.create(), "s", "n");

    Response authorize = browser.get(acme.authorizePath("spa", null, "s2", "n2"));

    assertThat(authorize.status()).isEqualTo(302);
    assertThat(authorize.header("Location"))
        .startsWith(acme.redirectUri)
        .contains("error=invalid_request")
        .doesNotContain("code=");
  }

  @Test
  void redirectUriMustMatchExactly() {
    signInAndAuthorize(browser, acme, "alice", Pkce.create(), "s", "n");

    Response authorize =
        browser.get(
            acme.authorizePath("spa", Pkce.create(), "s", "n")
                .replace(
                    TestBrowser.enc(acme.redirectUri), TestBrowser.enc(acme.redirectUri + "x")));

    assertThat(authorize.status()).isEqualTo(400);
  }

  @Test
  void unknownUserWrongPasswordAndLockedAccountAnswerAlike() {
    TestBrowser other = new TestBrowser(port);
    for (int i = 0; i < 5; i++) {
      other.submit("/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "nope"));
    }
    List<Response> answers =
        List.of(
            new TestBrowser(port)
                .submit(
                    "/t/" + acme.slug + "/login",
                    Map.of("username", "nobody", "password", TestSignIns.PASSWORD)),
            new TestBrowser(port)
                .submit(
                    "/t/" + acme.slug + "/login",
                    Map.of("username", "alice", "password", "wrong password")),
            new TestBrowser(port)
                .submit(
                    "/t/" + acme.slug + "/login",
                    Map.of("username", "alice", "password", TestSignIns.PASSWORD)));

    for (Response answer : answers) {
      assertThat(answer.status()).isEqualTo(302);
      assertThat(answer.body()).isEqualTo(answers.getFirst().body());
      assertThat(headers(answer)).isEqualTo(headers(answers.getFirst()));
      assertThat(answer.header("Location")).endsWith("/t/" + acme.slug + "/login?error");
    }
    assertThat(TestAudit.actions(ledger, acme.tenant)).contains("login.failed", "login.locked_out");
  }

  @Test
  void signInEventsNameUserSourceAndCorrelationButNeverThePassword() {
    browser.submit(
        "/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "wrong-canary-pw"));
    signInAndAuthorize(browser, acme, "alice", Pkce.create(), "s", "n");

    List<String> entries = TestAudit.canonicalEntries(ledger, acme.tenant);
    String failed =
        entries.stream().filter(e -> e.contains("login.failed")).findFirst().orElseThrow();
    String succeeded =
        entries.stream().filter(e -> e.contains("login.succeeded")).findFirst().orElseThrow();
    for (String entry : List.of(failed, succeeded)) {
      assertThat(entry)
          .contains("\"category\":\"authentication\"")
          .contains(acme.userId)
          .contains("\"ip\":\"127.0.0.1\"")
          .contains("\"user_agent\":")
          .contains("\"correlation_id\":")
          .doesNotContain("wrong-canary-pw")
          .doesNotContain(TestSignIns.PASSWORD);
    }
    assertThat(failed).contains("\"reason\":\"bad_credentials\"").contains("\"failure\"");
    assertThat(succeeded).contains("\"methods\":\"pwd\"");
  }

  @Test
  void lockedAccountCannotSignInEvenWithTheRightPassword() {
    for (int i = 0; i < 5; i++) {
      browser.submit("/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "x"));
    }

    Response right =
        browser.submit(
            "/t/" + acme.slug + "/login",
            Map.of("username", "alice", "password", TestSignIns.PASSWORD));

    assertThat(right.header("Location")).endsWith("/login?error");
  }

  @Test
  void enrolledUserSignsInWithTotpAndEachCodeWorksOnce() {
    acme.requireMfa();
    String key = acme.enrollThroughLogin(new TestBrowser(port), "alice");
    assertThat(TestAudit.actions(ledger, acme.tenant)).contains("mfa.enrolled");

    Pkce pkce = Pkce.create();
    browser.get(acme.authorizePath("spa", pkce, "st", "nn"));
    Response login =
        browser.submit(
            "/t/" + acme.slug + "/login",
            Map.of("username", "alice", "password", TestSignIns.PASSWORD));
    assertThat(login.header("Location")).endsWith("/t/" + acme.slug + "/login/otp");
    // Not signed in yet: the authorization endpoint still wants a login.
    assertThat(browser.get(acme.authorizePath("spa", pkce, "st", "nn")).header("Location"))
        .endsWith("/login");
    browser.submit(
        "/t/" + acme.slug + "/login",
        Map.of("username", "alice", "password", TestSignIns.PASSWORD));

    // The code that confirmed enrollment is spent; a later step's code is accepted.
    Response replay =
        browser.submit("/t/" + acme.slug + "/login/otp", Map.of("code", acme.enrollmentCode));
    assertThat(replay.header("Location")).endsWith("/login/otp?error");
    Response next =
        browser.submit("/t/" + acme.slug + "/login/otp", Map.of("code", acme.nextCode(key)));
    assertThat(TestAudit.actions(ledger, acme.tenant)).contains("mfa.failed");

    assertThat(next.status()).isEqualTo(302);
    String redirect = browser.get(next.header("Location")).header("Location");
    assertThat(redirect).startsWith(acme.redirectUri);
    var id =
        claims(
            exchangePublic(acme, TestBrowser.query(redirect).get("code"), pkce.verifier())
                .get("id_token")
                .asString());
    assertThat(id.get("amr")).isEqualTo(List.of("pwd", "otp"));
  }

  @Test
  void recoveryCodeSignsInOnceOnly() {
    acme.requireMfa();
    acme.enrollThroughLogin(new TestBrowser(port), "alice");
    assertThat(acme.recoveryCodes).hasSize(10).doesNotHaveDuplicates();
    String recovery = acme.recoveryCodes.get(3);

    Response first = passwordThenCode(new TestBrowser(port), recovery);
    Response again = passwordThenCode(new TestBrowser(port), recovery);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).contains("You are signed in");
    assertThat(again.header("Location")).endsWith("/login/otp?error");
  }

  @Test
  void logoutEndsOnlyThisTenantsSignIn() {
    TestSignIns globex = new TestSignIns(port, testClients, "alice");
    signInAndAuthorize(browser, acme, "alice", Pkce.create(), "s", "n");
    signInAndAuthorize(browser, globex, "alice", Pkce.create(), "s", "n");

    Response loggedOut =
        browser.post(
            "/t/" + acme.slug + "/logout",
            Map.of("_csrf", TestBrowser.csrf(browser.get("/t/" + acme.slug + "/login").body())));

    assertThat(loggedOut.status()).isEqualTo(200);
    assertThat(browser.get(acme.authorizePath("spa", Pkce.create(), "s", "n")).header("Location"))
        .endsWith("/t/" + acme.slug + "/login");
    assertThat(browser.get(globex.authorizePath("spa", Pkce.create(), "s", "n")).header("Location"))
        .startsWith(globex.redirectUri);
    String logout =
        TestAudit.canonicalEntries(ledger, acme.tenant).stream()
            .filter(e -> e.contains("\"logout.succeeded\""))
            .findFirst()
            .orElseThrow();
    assertThat(logout)
        .contains(acme.userId)
        .contains("\"success\"")
        .contains("\"ip\":\"127.0.0.1\"")
        .contains("\"user_agent\":")
        .contains("\"correlation_id\":");
    assertThat(TestAudit.actions(ledger, globex.tenant)).doesNotContain("logout.succeeded");
  }

  @Test
  void adminUnlockLiftsTheAccountLockAndIsAudited() {
    for (int i = 0; i < 5; i++) {
      browser.submit("/t/" + acme.slug + "/login", Map.of("username", "alice", "password", "x"));
    }
    String unlock = "/api/v1/tenants/" + acme.slug + "/users/" + acme.userId + "/unlock";
    assertThat(acme.api.request("POST", unlock).send().status()).isEqualTo(401);
    Response unknown =
        acme.api
            .request(
                "POST",
                "/api/v1/tenants/"
                    + acme.slug
                    + "/users/"
                    + java.util.UUID.randomUUID()
                    + "/unlock")
            .bearer(acme.admin)
            .send();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemType()).isEqualTo(PROBLEMS + "not-found");

    Response unlocked = acme.api.request("POST", unlock).bearer(acme.admin).send();

    assertThat(unlocked.status()).isEqualTo(204);
    Response right =
        new TestBrowser(port)
            .submit(
                "/t/" + acme.slug + "/login",
                Map.of("username", "alice", "password", TestSignIns.PASSWORD));
    assertThat(right.status()).isEqualTo(200);
    assertThat(right.body()).contains("You are signed in");
    String audited =
        TestAudit.canonicalEntries(ledger, acme.tenant).stream()
            .filter(e -> e.contains("\"user.unlocked\""))
            .findFirst()
            .orElseThrow();
    assertThat(audited)
        .contains(acme.userId)
        .contains("\"service\"")
        .contains("\"administration\"");
  }

  @Test
  void everyUserAccountChangeIsAuditedWithoutThePassword() {
    String users = "/api/v1/tenants/" + acme.slug + "/users";
    String canary = "canary-Password-7781x";
    Response created =
        acme.api
            .post(users)
            .bearer(acme.admin)
            .json("{\"username\": \"bob\", \"password\": \"" + canary + "\"}")
            .send();
    assertThat(created.status()).isEqualTo(201);
    String bob = users + "/" + created.json().get("id").asString();
    assertThat(
            acme.api
                .request("PATCH", bob)
                .bearer(acme.admin)
                .json("{\"status\": \"disabled\"}")
                .send()
                .status())
        .isEqualTo(200);
    assertThat(
            acme.api
                .request("PUT", bob + "/password")
                .bearer(acme.admin)
                .json("{\"password\": \"" + canary + "-2\"}")
                .send()
                .status())
        .isEqualTo(204);
    assertThat(acme.api.request("DELETE", bob).bearer(acme.admin).send().status()).isEqualTo(204);
    assertThat(acme.api.request("POST", bob + "/restore").bearer(acme.admin).send().status())
        .isEqualTo(200);

    assertThat(TestAudit.actions(ledger, acme.tenant))
        .containsSubsequence(
            "user.created",
            "user.updated",
            "user.password_changed",
            "user.deleted",
            "user.restored");
    String bobId = created.json().get("id").asString();
    List<String> entries =
        TestAudit.canonicalEntries(ledger, acme.tenant).stream()
            .filter(e -> e.contains("\"action\":\"user.") && e.contains(bobId))
            .toList();
    assertThat(entries).hasSize(5);
    assertThat(entries)
        .allSatisfy(e ->
            assertThat(e)
                .contains(created.json().get("id").asString())
                .contains("\"correlation_id\":")
                .doesNotContain(canary));
    assertThat(entries).anySatisfy(e -> assertThat(e).contains("\"status\":\"disabled\""));
  }

  @Test
  void endSessionEndpointSignsOut() {
    Pkce pkce = Pkce.create();
    String code = signInAndAuthorize(browser, acme, "alice", pkce, "s", "n");
    String idToken = exchangePublic(acme, code, pkce.verifier()).get("id_token").asString();

    Response endSession =
        browser.get("/t/" + acme.slug + "/connect/logout?id_token_hint=" + idToken);

    assertThat(endSession.status()).as(endSession.toString()).isIn(200, 302);
    assertThat(browser.get(acme.authorizePath("spa", Pkce.create(), "s", "n")).header("Location"))
        .endsWith("/t/" + acme.slug + "/login");
  }

  private void setMfaPolicy(String json) {
    Response put =
        acme.api
            .request("PUT", "/api/v1/tenants/" + acme.slug + "/settings/mfa")
            .bearer(acme.admin)
            .json(json)
            .send();
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
  }

  private Response passwordThenCode(TestBrowser someone, String code) {
    someone.submit(
        "/t/" + acme.slug + "/login",
        Map.of("username", "alice", "password", TestSignIns.PASSWORD));
    return someone.submit("/t/" + acme.slug + "/login/otp", Map.of("code", code));
  }

  @Test
  void signedInUserTurnsOnOptionalMfaAndThenNeedsACode() {
    assertThat(browser.get("/t/" + acme.slug + "/login/enroll").header("Location"))
        .endsWith("/t/" + acme.slug + "/login");
    signInAndAuthorize(browser, acme, "alice", Pkce.create(), "s", "n");

    Response page = browser.get("/t/" + acme.slug + "/login/enroll");
    assertThat(page.status()).isEqualTo(200);
    java.util.regex.Matcher secret =
        java.util.regex.Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>")
            .matcher(page.body());
    assertThat(secret.find()).isTrue();
    assertThat(page.body()).contains("otpauth://totp/");
    assertThat(page.body()).contains("<svg id=\"qr\"");
    assertThat(qrModules(page.body())).isEqualTo(expectedQrModules(shownOtpauthUri(page.body())));
    assertThat(shownOtpauthUri(page.body())).contains("secret=" + secret.group(1));
    Response enrolled =
        browser.submit(
            "/t/" + acme.slug + "/login/enroll",
            Map.of("code", TestTotp.code(secret.group(1), TestTotp.currentStep())));

    assertThat(enrolled.status()).isEqualTo(200);
    assertThat(enrolled.body()).contains("recovery-codes");
    assertThat(browser.get("/t/" + acme.slug + "/login/enroll").header("Location"))
        .endsWith("/login");
    Response again =
        new TestBrowser(port)
            .submit(
                "/t/" + acme.slug + "/login",
                Map.of("username", "alice", "password", TestSignIns.PASSWORD));
    assertThat(again.header("Location")).endsWith("/t/" + acme.slug + "/login/otp");
  }

  @Test
  void userTurnsOffTheirOwnFactorWithACurrentCodeUnlessThePolicyRequiresIt() {
    String mfaPage = "/t/" + acme.slug + "/login/mfa";
    assertThat(browser.get(mfaPage).header("Location")).endsWith("/t/" + acme.slug + "/login");
    acme.requireMfa();
    TestBrowser signedIn = new TestBrowser(port);
    String key = acme.enrollThroughLogin(signedIn, "alice");

    Response required = signedIn.get(mfaPage);
    assertThat(required.body()).contains("requires it for your account").doesNotContain("<form");
    String csrf = TestBrowser.csrf(signedIn.get("/t/" + acme.slug + "/login").body());
    Response refused = signedIn.post(mfaPage, Map.of("code", acme.nextCode(key), "_csrf", csrf));
    assertThat(refused.header("Location")).endsWith(mfaPage);
    assertThat(TestAudit.actions(ledger, acme.tenant)).doesNotContain("mfa.removed");

    setMfaPolicy("{\"mode\": \"optional\"}");
    assertThat(signedIn.get(mfaPage).body()).contains("id=\"remove\"");
    Response wrong = signedIn.submit(mfaPage, Map.of("code", "000000"));
    assertThat(wrong.header("Location")).endsWith(mfaPage + "?error");
    Response removed = signedIn.submit(mfaPage, Map.of("code", acme.nextCode(key)));
    assertThat(removed.header("Location")).endsWith(mfaPage + "?removed");

    assertThat(signedIn.get(mfaPage).body()).contains("id=\"enroll\"");
    assertThat(TestAudit.actions(ledger, acme.tenant)).contains("mfa.removed");
    Response again =
        new TestBrowser(port)
            .submit(
                "/t/" + acme.slug + "/login",
                Map.of("username", "alice", "password", TestSignIns.PASSWORD));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("You are signed in");
  }

  @Test
  void otpPageWithoutPasswordStepSendsBackToLogin() {
    Response otp = browser.get("/t/" + acme.slug + "/login/otp");

    assertThat(otp.status()).isEqualTo(302);
    assertThat(otp.header("Location")).endsWith("/t/" + acme.slug + "/login");
  }

  @Test
  void adminResetRemovesTheFactorAndAnswersProblemsForBadInput() {
    acme.requireMfa();
    acme.enrollThroughLogin(new TestBrowser(port), "alice");
    String mfa = "/api/v1/tenants/" + acme.slug + "/users/" + acme.userId + "/mfa";

    Response reset = acme.api.request("DELETE", mfa).bearer(acme.admin).send();
    assertThat(reset.status()).isEqualTo(204);
    Response login =
        browser.submit(
            "/t/" + acme.slug + "/login",
            Map.of("username", "alice", "password", TestSignIns.PASSWORD));
    assertThat(login.header("Location")).endsWith("/login/enroll");
    assertThat(TestAudit.actions(ledger, acme.tenant)).contains("mfa.reset");

    Response unknown =
        acme.api
            .request(
                "DELETE",
                "/api/v1/tenants/" + acme.slug + "/users/00000000-0000-0000-0000-000000000000/mfa")
            .bearer(acme.admin)
            .send();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problemType()).isEqualTo(PROBLEMS + "not-found");
    Response anonymous = acme.api.request("DELETE", mfa).send();
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.problemType()).isEqualTo(PROBLEMS + "unauthenticated");
  }

  @Test
  void mfaPolicyIsReadAndWrittenWithValidation() {
    String settings = "/api/v1/tenants/" + acme.slug + "/settings/mfa";
    Response initial = acme.api.get(settings).bearer(acme.admin).send();
    assertThat(initial.json().get("mode").asString()).isEqualTo("optional");

    Response roles =
        acme.api
            .request("PUT", settings)
            .bearer(acme.admin)
            .json("{\"mode\": \"roles\", \"roles\": [\"tenant-admin\"]}")
            .send();
    assertThat(roles.status()).isEqualTo(200);
    assertThat(
            acme.api.get(settings).bearer(acme.admin).send().json().get("roles").get(0).asString())
        .isEqualTo("tenant-admin");

    for (String bad :
        List.of(
            "{\"mode\": \"sometimes\"}",
            "{}",
            "{\"mode\": \"roles\"}",
            "{\"mode\": \"required\", \"roles\": [\"x\"]}",
            "{\"mode\": \"roles\", \"roles\": [\"Not A Role\"]}")) {
      Response rejected = acme.api.request("PUT", settings).bearer(acme.admin).json(bad).send();
      assertThat(rejected.status()).as(bad).isEqualTo(400);
      assertThat(rejected.problemType()).as(bad).isEqualTo(PROBLEMS + "invalid-field");
    }
  }

  @Test
  void reusedRefreshTokenRevokesTheWholeFamily() {
    Pkce pkce = Pkce.create();
    String code = signInAndAuthorize(browser, acme, "alice", pkce, "s", "n", "web");
    JsonNode first = exchangeWeb(acme, code, pkce);
    String oldRefresh = first.get("refresh_token").asString();
    JsonNode rotated = token(acme, "grant_type=refresh_token&refresh_token=" + oldRefresh);
    String newRefresh = rotated.get("refresh_token").asString();
    assertThat(newRefresh).isNotEqualTo(oldRefresh);
    assertThat(claims(rotated.get("access_token").asString()).get("amr")).isEqualTo(List.of("pwd"));

    HttpResponse<String> reuse =
        tokenRaw(acme, "grant_type=refresh_token&refresh_token=" + oldRefresh);
    HttpResponse<String> afterReuse =
        tokenRaw(acme, "grant_type=refresh_token&refresh_token=" + newRefresh);

    assertThat(reuse.statusCode()).isEqualTo(400);
    assertThat(reuse.body()).contains("invalid_grant");
    assertThat(afterReuse.statusCode()).isEqualTo(400);
    assertThat(afterReuse.body()).contains("invalid_grant");
  }

  static String signInAndAuthorize(
      TestBrowser browser,
      TestSignIns tenant,
      String username,
      Pkce pkce,
      String state,
      String nonce) {
    return signInAndAuthorize(browser, tenant, username, pkce, state, nonce, "spa");
  }

  static String signInAndAuthorize(
      TestBrowser browser,
      TestSignIns tenant,
      String username,
      Pkce pkce,
      String state,
      String nonce,
      String client) {
    String authorize = tenant.authorizePath(client, pkce, state, nonce);
    browser.get(authorize);
    Response login =
        browser.submit(
            "/t/" + tenant.slug + "/login",
            Map.of("username", username, "password", TestSignIns.PASSWORD));
    assertThat(login.status()).as(login.toString()).isEqualTo(302);
    assertThat(login.header("Location")).contains("/oauth2/authorize");
    Response back = browser.get(login.header("Location"));
    assertThat(back.status()).as(back.toString()).isEqualTo(302);
    String redirect = back.header("Location");
    assertThat(redirect).startsWith(tenant.redirectUri);
    Map<String, String> params = TestBrowser.query(redirect);
    assertThat(params.get("state")).isEqualTo(state);
    return params.get("code");
  }

  /** Signs the user in through the confidential "web" client and exchanges the code. */
  static JsonNode webTokens(TestBrowser browser, TestSignIns tenant, String username) {
    Pkce pkce = Pkce.create();
    String code = signInAndAuthorize(browser, tenant, username, pkce, "s", "n", "web");
    return exchangeWeb(tenant, code, pkce);
  }

  /** Exchanges an authorization code of the confidential "web" client. */
  static JsonNode exchangeWeb(TestSignIns tenant, String code, Pkce pkce) {
    return token(
        tenant,
        "grant_type=authorization_code&code="
            + code
            + "&redirect_uri="
            + TestBrowser.enc(tenant.redirectUri)
            + "&code_verifier="
            + pkce.verifier());
  }

  static JsonNode exchangePublic(TestSignIns tenant, String code, String verifier) {
    HttpResponse<String> response =
        post(
            tenant,
            null,
            "grant_type=authorization_code&client_id=spa&code="
                + code
                + "&redirect_uri="
                + TestBrowser.enc(tenant.redirectUri)
                + "&code_verifier="
                + verifier);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }

  static JsonNode token(TestSignIns tenant, String form) {
    HttpResponse<String> response = tokenRaw(tenant, form);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }

  static HttpResponse<String> tokenRaw(TestSignIns tenant, String form) {
    return post(tenant, TestApi.basic("web", tenant.webSecret), form);
  }

  static HttpResponse<String> post(TestSignIns tenant, String authorization, String form) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:" + tenant.port + "/t/" + tenant.slug + "/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> claims(String jwt) {
    try {
      return SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shownOtpauthUri(String page) {
    java.util.regex.Matcher link =
        java.util.regex.Pattern.compile("<a id=\"otpauth\" href=\"([^\"]+)\"").matcher(page);
    assertThat(link.find()).isTrue();
    return org.springframework.web.util.HtmlUtils.htmlUnescape(link.group(1));
  }

  /** The dark modules the page's SVG draws, as "x,y" of the symbol (quiet zone taken off). */
  static java.util.Set<String> qrModules(String page) {
    java.util.regex.Matcher path =
        java.util.regex.Pattern.compile("<svg id=\"qr\"[^>]*>.*?<path fill=\"#000\" d=\"([^\"]*)\"")
            .matcher(page);
    assertThat(path.find()).isTrue();
    java.util.Set<String> modules = new java.util.TreeSet<>();
    java.util.regex.Matcher square =
        java.util.regex.Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(path.group(1));
    while (square.find()) {
      modules.add(
          (Integer.parseInt(square.group(1)) - 4) + "," + (Integer.parseInt(square.group(2)) - 4));
    }
    return modules;
  }

  static java.util.Set<String> expectedQrModules(String otpauthUri) {
    io.nayuki.qrcodegen.QrCode code =
        io.nayuki.qrcodegen.QrCode.encodeText(otpauthUri, io.nayuki.qrcodegen.QrCode.Ecc.MEDIUM);
    java.util.Set<String> modules = new java.util.TreeSet<>();
    for (int y = 0; y < code.size; y++) {
      for (int x = 0; x < code.size; x++) {
        if (code.getModule(x, y)) {
          modules.add(x + "," + y);
        }
      }
    }
    assertThat(modules).isNotEmpty();
    return modules;
  }

  static Map<String, List<String>> headers(Response response) {
    Map<String, List<String>> headers = new TreeMap<>(response.raw().headers().map());
    headers
        .keySet()
        .removeIf(
            name -> List.of("set-cookie", "date", "x-correlation-id").contains(name.toLowerCase()));
    return new LinkedHashMap<>(headers);
  }
}
