package io.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestBrowser;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import io.bulwark.support.TestTotp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Plants secrets and personal data in requests and fails if any of them reaches the log output. */
@BulwarkIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogCanaryIntegrationTests {

  static final String CLIENT_SECRET = "canary-svc-secret-4b9e2f7d1c3a5e8f0a2b";
  static final String PASSWORD = "canary-Passw0rd-d41d8cd98f00b204";
  static final String BEARER = "canary-bearer-e99a18c428cb38d5f260853678922e03";
  static final String EMAIL = "canary.person.7731@example.com";
  static final String CARD = "4111 1111 1111 1111";
  static final String CARD_EMAIL = "card.holder.5521@example.org";
  static final String SECRET_VALUE = "canary-vault-value-9d2c6b1e4f7a3085";
  static final String AUDIT_DETAIL = "canary.audit.subject.3391@example.net";
  static final String AUDIT_PASSWORD = "canary-audit-pw-6e0b3f9c2d";
  static final String HASH_VALUE = "canary-hash-request-value-1a7c5e";
  static final String OTP_CANARY = "canary-otp-5f1e9a07c3";

  private static final Logger careless = LoggerFactory.getLogger("io.bulwark.test.CarelessService");

  @LocalServerPort int port;
  @Autowired TestClients clients;

  @Test
  void plantedSecretsAndPersonalDataNeverReachTheLogs(CapturedOutput output) throws Exception {
    TestApi api = new TestApi(port);
    String admin = api.adminToken();
    var acme = TestTenants.acme();
    var created = api.post("/api/v1/tenants").bearer(admin).json(acme.json()).send();
    TenantId acmeId = TenantId.parse(created.json().get("id").asString());
    clients.register(acmeId, "svc", CLIENT_SECRET);
    clients.register(acmeId, "vault", CLIENT_SECRET, "tenant-admin", "secrets-reader");
    String tenantToken = api.token(acme.slug(), "svc", CLIENT_SECRET);
    api.post("/t/" + acme.slug() + "/oauth2/token")
        .header("Authorization", TestApi.basic("svc", CLIENT_SECRET + "-wrong-guess"))
        .body("application/x-www-form-urlencoded", "grant_type=client_credentials")
        .send();

    api.get("/api/v1/tenants").header("Authorization", "Bearer " + BEARER).send();
    api.get("/api/v1/tenants").header("Authorization", "Basic " + BEARER).send();
    api.get("/api/v1/tenants/" + acme.slug() + "/users?email=" + EMAIL).bearer(tenantToken).send();
    api.post("/api/v1/tenants")
        .bearer(admin)
        .json(
            "{\"slug\": \"canary\", \"display_name\": \"%s\", \"region\": \"eu\", \"password\": \"%s\"}"
                .formatted(EMAIL, PASSWORD))
        .send();
    api.post("/api/v1/tenants")
        .bearer(admin)
        .json(TestTenants.globex().json().replace("Globex", "Ops " + EMAIL))
        .send();
    api.post("/t/" + acme.slug() + "/oauth2/token")
        .body(
            "application/x-www-form-urlencoded",
            "grant_type=password&username=" + EMAIL + "&password=" + PASSWORD)
        .send();
    api.get("/api/v1/tenants").bearer(admin).header("X-Correlation-Id", EMAIL).send();
    String vaultToken = api.token(acme.slug(), "vault", CLIENT_SECRET);
    String secret = "/api/v1/tenants/" + acme.slug() + "/secrets/canary/db-password";
    var written =
        api.request("PUT", secret)
            .bearer(vaultToken)
            .json("{\"value\": {\"password\": \"%s\"}}".formatted(SECRET_VALUE))
            .send();
    var read = api.get(secret).bearer(vaultToken).header("X-Bulwark-Purpose", "canary").send();
    api.request("PUT", secret)
        .bearer(vaultToken)
        .header("If-Match", "\"7\"")
        .json("{\"value\": \"%s\"}".formatted(SECRET_VALUE))
        .send();
    clients.register(acmeId, "auditor", CLIENT_SECRET, "tenant-admin", "audit-writer");
    String auditToken = api.token(acme.slug(), "auditor", CLIENT_SECRET);
    String audit = "/api/v1/tenants/" + acme.slug() + "/audit";
    var audited =
        api.post(audit + "/events")
            .bearer(auditToken)
            .json(
                """
                {"events": [{"occurred_at": "2025-01-31T12:00:00Z", "category": "privacy",
                  "action": "subject.exported", "outcome": "success",
                  "actor": {"type": "service", "id": "auditor"},
                  "details": {"subject": "%s", "password": "%s", "card": "%s"}}]}\
                """
                    .formatted(AUDIT_DETAIL, AUDIT_PASSWORD, CARD))
            .send();
    var rejectedAudit =
        api.post(audit + "/events")
            .bearer(auditToken)
            .json(
                """
                {"events": [{"occurred_at": "2025-01-31T12:00:00Z", "category": "privacy",
                  "action": "subject.exported", "outcome": "success",
                  "actor": {"type": "service", "id": "auditor"},
                  "details": {"subject": "%s"}, "sensitive": ["details.%s"]}]}\
                """
                    .formatted(AUDIT_DETAIL, AUDIT_PASSWORD))
            .send();
    var hashed =
        api.post(audit + "/hash")
            .bearer(auditToken)
            .json("{\"values\": [\"%s\", \"%s\"]}".formatted(HASH_VALUE, AUDIT_DETAIL))
            .send();
    api.post(audit + "/hash")
        .bearer(auditToken)
        .json("{\"value\": \"%s\", \"extra\": 1}".formatted(HASH_VALUE))
        .send();
    assertThat(audited.status()).as(audited.toString()).isEqualTo(201);
    assertThat(rejectedAudit.status()).isEqualTo(400);
    assertThat(rejectedAudit.body()).doesNotContain(AUDIT_PASSWORD);
    assertThat(hashed.status()).as(hashed.toString()).isEqualTo(200);
    // A person signs in through the login form: wrong password, right password, TOTP enrollment
    // (its key and recovery codes), a wrong code and a right one.
    String vaultAdmin = vaultToken;
    var user =
        api.post("/api/v1/tenants/" + acme.slug() + "/users")
            .bearer(vaultAdmin)
            .json("{\"username\": \"canary-user\", \"password\": \"%s\"}".formatted(PASSWORD))
            .send();
    assertThat(user.status()).as(user.toString()).isEqualTo(201);
    api.request("PUT", "/api/v1/tenants/" + acme.slug() + "/settings/mfa")
        .bearer(vaultAdmin)
        .json("{\"mode\": \"required\"}")
        .send();
    TestBrowser browser = new TestBrowser(port);
    String login = "/t/" + acme.slug() + "/login";
    browser.submit(login, Map.of("username", "canary-user", "password", PASSWORD + "-wrong"));
    browser.submit(login, Map.of("username", "canary-user", "password", PASSWORD));
    String enrollPage = browser.get(login + "/enroll").body();
    Matcher key = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>").matcher(enrollPage);
    assertThat(key.find()).as(enrollPage).isTrue();
    browser.submit(login + "/enroll", Map.of("code", OTP_CANARY));
    String otp = TestTotp.code(key.group(1), TestTotp.currentStep());
    var enrolled = browser.submit(login + "/enroll", Map.of("code", otp));
    assertThat(enrolled.body()).contains("recovery-codes");
    List<String> recoveryCodes = new ArrayList<>();
    Matcher code = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>").matcher(enrolled.body());
    while (code.find()) {
      recoveryCodes.add(code.group(1));
    }
    assertThat(recoveryCodes).hasSize(10);

    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    assertThat(read.body()).contains(SECRET_VALUE);

    List<String> canaries =
        List.of(
            TestApi.ADMIN_CLIENT_SECRET,
            CLIENT_SECRET,
            PASSWORD,
            BEARER,
            EMAIL,
            admin,
            tenantToken,
            vaultToken,
            SECRET_VALUE,
            auditToken,
            AUDIT_DETAIL,
            AUDIT_PASSWORD,
            HASH_VALUE,
            OTP_CANARY,
            key.group(1));
    // The request line is written once the response is complete, just after the client has it.
    for (int wait = 0;
        wait < 50 && !output.getAll().contains("POST /t/{slug}/login/enroll 200");
        wait++) {
      Thread.sleep(100);
    }
    assertThat(output.getAll()).contains("POST /t/{slug}/login/enroll 200");
    for (String recovery : recoveryCodes) {
      assertThat(output.getAll()).as("logs leak a recovery code").doesNotContain(recovery);
    }
    assertThat(output.getAll()).contains("POST /t/" + acme.slug() + "/oauth2/token");
    for (String canary : canaries) {
      assertThat(output.getAll()).as("logs leak a canary").doesNotContain(canary);
    }
  }
}
