package io.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The secrets vault over HTTP: versions, check-and-set, deletion, encryption, access, audit. */
@BulwarkIntegrationTest
class SecretVaultIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients clients;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  String slug;
  TenantId tenant;
  String ops;
  String admin;
  String reader;

  @BeforeEach
  void tenantWithVaultClients() {
    api = new TestApi(port);
    var acme = TestTenants.acme();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    slug = acme.slug();
    tenant = TenantId.parse(created.json().get("id").asString());
    clients.register(tenant, "ops", "ops-secret-1", "tenant-admin", "secrets-reader");
    clients.register(tenant, "admin", "admin-secret-1", "tenant-admin");
    clients.register(tenant, "reader", "reader-secret-1", "secrets-reader");
    ops = api.token(slug, "ops", "ops-secret-1");
    admin = api.token(slug, "admin", "admin-secret-1");
    reader = api.token(slug, "reader", "reader-secret-1");
  }

  @Test
  void writeThenReadReturnsTheValueWithItsVersionAsETagAndNoStore() {
    Response written =
        put("payments/stripe/api-key", "{\"value\": {\"key\": \"sk_live_1\", \"n\": 3}}");
    assertThat(written.status()).as(written.toString()).isEqualTo(200);
    assertThat(written.json().get("version").asInt()).isEqualTo(1);
    assertThat(written.header("ETag")).isEqualTo("\"1\"");

    Response read = api.get(secret("payments/stripe/api-key")).bearer(reader).send();
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(read.header("Cache-Control")).contains("no-store");
    assertThat(read.json().get("value").get("key").asString()).isEqualTo("sk_live_1");
    assertThat(read.json().get("value").get("n").asInt()).isEqualTo(3);
  }

  @Test
  void everyKindOfJsonValueIsReadBackAsTheSameJson() {
    String value =
        "{\"s\": \"quote \\\" backslash \\\\ tab \\t \\u00e9\u00e9 \\u2028 </script>\","
            + " \"n\": -12.5e3, \"big\": 12345678901234567890, \"t\": true, \"f\": false,"
            + " \"z\": null, \"a\": [1, [\"x\"], {}], \"o\": {\"deep\": {\"er\": []}}}";
    for (String written : List.of(value, "\"plain string\"", "42", "[]", "false")) {
      assertThat(put("kinds/of/json", "{\"value\": " + written + "}").status()).isEqualTo(200);

      Response read = api.get(secret("kinds/of/json")).bearer(reader).send();

      assertThat(read.status()).as(read.toString()).isEqualTo(200);
      assertThat(read.json().get("value"))
          .as(written)
          .isEqualTo(JsonMapper.builder().build().readTree(written));
      assertThat(read.json().get("path").asString()).isEqualTo("kinds/of/json");
    }
  }

  @Test
  void everyWriteMakesANewVersionAndOldVersionsStayReadable() {
    put("db/password", "{\"value\": \"first\"}");
    put("db/password", "{\"value\": \"second\"}");
    Response current = api.get(secret("db/password")).bearer(reader).send();
    assertThat(current.json().get("version").asInt()).isEqualTo(2);
    assertThat(current.json().get("value").asString()).isEqualTo("second");
    Response first = api.get(secret("db/password") + "?version=1").bearer(reader).send();
    assertThat(first.json().get("value").asString()).isEqualTo("first");
    assertThat(first.header("ETag")).isEqualTo("\"1\"");
  }

  @Test
  void writeWithStaleIfMatchThenPreconditionFailed() {
    put("cas/key", "{\"value\": \"v1\"}");
    put("cas/key", "{\"value\": \"v2\"}");
    Response stale =
        api.request("PUT", secret("cas/key"))
            .bearer(ops)
            .header("If-Match", "\"1\"")
            .json("{\"value\": \"v3\"}")
            .send();
    assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
    assertThat(stale.problemType()).isEqualTo(PROBLEMS + "precondition-failed");

    Response notNew =
        api.request("PUT", secret("cas/key"))
            .bearer(ops)
            .header("If-Match", "\"0\"")
            .json("{\"value\": \"v3\"}")
            .send();
    assertThat(notNew.status()).isEqualTo(412);

    Response fresh =
        api.request("PUT", secret("cas/key"))
            .bearer(ops)
            .header("If-Match", "\"2\"")
            .json("{\"value\": \"v3\"}")
            .send();
    assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
    assertThat(fresh.header("ETag")).isEqualTo("\"3\"");
  }

  @Test
  void malformedIfMatchThenInvalidParameter() {
    Response response =
        api.request("PUT", secret("cas/odd"))
            .bearer(ops)
            .header("If-Match", "W/\"1\"")
            .json("{\"value\": \"v\"}")
            .send();
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
  }

  @Test
  void casRequiredSecretWrittenWithoutIfMatchThenPreconditionRequired() {
    Response metadata =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secret-metadata/cas/strict")
            .bearer(ops)
            .json("{\"cas_required\": true, \"owner\": \"payments-team\"}")
            .send();
    assertThat(metadata.status()).as(metadata.toString()).isEqualTo(200);

    Response unguarded = put("cas/strict", "{\"value\": \"v1\"}");
    assertThat(unguarded.status()).as(unguarded.toString()).isEqualTo(428);
    assertThat(unguarded.problemType()).isEqualTo(PROBLEMS + "precondition-required");

    Response guarded =
        api.request("PUT", secret("cas/strict"))
            .bearer(ops)
            .header("If-Match", "\"0\"")
            .json("{\"value\": \"v1\"}")
            .send();
    assertThat(guarded.status()).as(guarded.toString()).isEqualTo(200);
  }

  /**
   * Spring Security's firewall rejects non-normalised URLs before any controller runs, so these
   * never reach {@code SecretPath} (whose own '..' check {@code SecretPathTests} covers); the
   * platform's rejected-request handler answers them as problem+json.
   */
  @Test
  void pathWithDotDotSegmentThenRejected() {
    Response traversal = put("a/../b", "{\"value\": \"v\"}");
    Response encoded = put("a/%2E%2E/b", "{\"value\": \"v\"}");
    Response dot = api.get(secret("a/./b")).bearer(reader).send();
    for (Response rejected : List.of(traversal, encoded, dot)) {
      assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
      assertThat(rejected.problemType()).isEqualTo(PROBLEMS + "malformed-request");
    }
    assertThat(
            api.get("/api/v1/tenants/" + slug + "/secrets")
                .bearer(reader)
                .send()
                .json()
                .get("items"))
        .isEmpty();
  }

  @Test
  void pathWithIllegalCharactersThenInvalidParameter() {
    for (String path : List.of("a/b$c", "a%20b", "a/b:c", "a/%C3%BC")) {
      Response response = put(path, "{\"value\": \"v\"}");
      assertThat(response.status()).as(path + " " + response).isEqualTo(400);
      assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
      assertThat(response.json().get("parameter").asString()).isEqualTo("path");
    }
  }

  @Test
  void pathDeeperThanEightSegmentsThenInvalidParameter() {
    assertThat(put("1/2/3/4/5/6/7/8", "{\"value\": \"v\"}").status()).isEqualTo(200);
    Response deep = put("1/2/3/4/5/6/7/8/9", "{\"value\": \"v\"}");
    assertThat(deep.status()).isEqualTo(400);
    assertThat(deep.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
  }

  @Test
  void valueOverSixtyFourKibibytesThenPayloadTooLarge() {
    Response oversized = put("big/blob", "{\"value\": \"" + "x".repeat(64 * 1024) + "\"}");
    assertThat(oversized.status()).as(oversized.toString()).isEqualTo(413);
    assertThat(oversized.problemType()).isEqualTo(PROBLEMS + "payload-too-large");
    assertThat(put("big/blob", "{\"value\": \"" + "x".repeat(60 * 1024) + "\"}").status())
        .isEqualTo(200);
  }

  @Test
  void unknownBodyFieldThenUnknownField() {
    Response response = put("odd/body", "{\"value\": \"v\", \"ttl\": 5}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "unknown-field");
  }

  @Test
  void overlongPurposeThenInvalidParameter() {
    put("purpose/key", "{\"value\": \"v\"}");
    Response response =
        api.get(secret("purpose/key"))
            .bearer(reader)
            .header("X-Bulwark-Purpose", "p".repeat(300))
            .send();
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
  }

  @Test
  void missingValueThenInvalidField() {
    Response response = put("no/value", "{\"value\": null}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "invalid-field");
  }

  @Test
  void readingASoftDeletedVersionThenSecretVersionDeletedUntilUndeleted() {
    put("rotating/token", "{\"value\": \"t1\"}");
    Response deleted = api.request("DELETE", secret("rotating/token")).bearer(ops).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

    Response read = api.get(secret("rotating/token")).bearer(reader).send();
    assertThat(read.status()).isEqualTo(404);
    assertThat(read.problemType()).isEqualTo(PROBLEMS + "secret-version-deleted");

    Response undeleted =
        api.post("/api/v1/tenants/" + slug + "/secret-undelete/rotating/token")
            .bearer(ops)
            .json("{\"versions\": [1]}")
            .send();
    assertThat(undeleted.status()).as(undeleted.toString()).isEqualTo(204);
    assertThat(
            api.get(secret("rotating/token")).bearer(reader).send().json().get("value").asString())
        .isEqualTo("t1");
  }

  @Test
  void deletingNamedVersionsLeavesTheOthersReadable() {
    put("multi/key", "{\"value\": \"one\"}");
    put("multi/key", "{\"value\": \"two\"}");
    put("multi/key", "{\"value\": \"three\"}");
    assertThat(
            api.request("DELETE", secret("multi/key") + "?versions=1,2")
                .bearer(ops)
                .send()
                .status())
        .isEqualTo(204);
    assertThat(api.get(secret("multi/key") + "?version=2").bearer(reader).send().problemType())
        .isEqualTo(PROBLEMS + "secret-version-deleted");
    assertThat(api.get(secret("multi/key")).bearer(reader).send().status()).isEqualTo(200);
  }

  @Test
  void readingADestroyedVersionThenGoneForGood() {
    put("old/cert", "{\"value\": \"pem-1\"}");
    put("old/cert", "{\"value\": \"pem-2\"}");
    Response destroyed =
        api.post("/api/v1/tenants/" + slug + "/secret-destroy/old/cert")
            .bearer(admin)
            .json("{\"versions\": [1]}")
            .send();
    assertThat(destroyed.status()).as(destroyed.toString()).isEqualTo(204);

    Response read = api.get(secret("old/cert") + "?version=1").bearer(reader).send();
    assertThat(read.status()).isEqualTo(410);
    assertThat(read.problemType()).isEqualTo(PROBLEMS + "secret-version-destroyed");
    api.post("/api/v1/tenants/" + slug + "/secret-undelete/old/cert")
        .bearer(ops)
        .json("{\"versions\": [1]}")
        .send();
    assertThat(api.get(secret("old/cert") + "?version=1").bearer(reader).send().status())
        .isEqualTo(410);
    assertThat(
            ownerCount(
                "select count(*) from secret_versions where tenant_id = ? and path = 'old/cert'"
                    + " and version = 1 and ciphertext is null"))
        .isEqualTo(1);
    JsonNode metadata =
        api.get("/api/v1/tenants/" + slug + "/secret-metadata/old/cert")
            .bearer(reader)
            .send()
            .json();
    assertThat(metadata.get("versions").get(0).get("destroyed").asBoolean()).isTrue();
  }

  @Test
  void deletingTheMetadataRemovesEveryVersionForGoodAndThePathStartsOver() {
    put("legacy/token", "{\"value\": \"t-1\"}");
    put("legacy/token", "{\"value\": \"t-2\"}");
    String metadata = "/api/v1/tenants/" + slug + "/secret-metadata/legacy/token";

    Response denied = api.request("DELETE", metadata).bearer(reader).send();
    Response removed = api.request("DELETE", metadata).bearer(admin).send();

    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.problemType()).isEqualTo(PROBLEMS + "forbidden");
    assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
    assertThat(api.get(secret("legacy/token")).bearer(reader).send().problemType())
        .isEqualTo(PROBLEMS + "not-found");
    assertThat(api.get(metadata).bearer(reader).send().status()).isEqualTo(404);
    assertThat(
            ownerCount(
                "select count(*) from secret_versions where tenant_id = ? and path = 'legacy/token'"))
        .isZero();
    assertThat(
            ownerCount(
                "select count(*) from audit_entries where tenant_id = ?"
                    + " and action = 'secret.metadata_deleted'"
                    + " and convert_from(body, 'UTF8') like '%\"removed_versions\":[1,2]%'"))
        .isEqualTo(1);
    assertThat(api.request("DELETE", metadata).bearer(admin).send().problemType())
        .isEqualTo(PROBLEMS + "not-found");
    assertThat(put("legacy/token", "{\"value\": \"t-new\"}").json().get("version").asInt())
        .isEqualTo(1);
  }

  @Test
  void destroyNeedsSecretsAdmin() {
    put("guarded/x", "{\"value\": \"v\"}");
    Response denied =
        api.post("/api/v1/tenants/" + slug + "/secret-destroy/guarded/x")
            .bearer(reader)
            .json("{\"versions\": [1]}")
            .send();
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void unknownSecretOrVersionThenNotFound() {
    assertThat(api.get(secret("never/written")).bearer(reader).send().problemType())
        .isEqualTo(PROBLEMS + "not-found");
    put("once/written", "{\"value\": \"v\"}");
    assertThat(api.get(secret("once/written") + "?version=7").bearer(reader).send().problemType())
        .isEqualTo(PROBLEMS + "not-found");
  }

  @Test
  void anotherTenantsTokenThenForbidden() {
    put("isolated/key", "{\"value\": \"acme-only\"}");
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    TenantId globexId = TenantId.parse(created.json().get("id").asString());
    clients.register(globexId, "spy", "spy-secret-1", "secrets-reader", "tenant-admin");
    String spy = api.token(globex.slug(), "spy", "spy-secret-1");

    Response read = api.get(secret("isolated/key")).bearer(spy).send();
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.problemType()).isEqualTo(PROBLEMS + "forbidden");
    assertThat(read.body()).doesNotContain("acme-only");
    Response own =
        api.get("/api/v1/tenants/" + globex.slug() + "/secrets/isolated/key").bearer(spy).send();
    assertThat(own.status()).isEqualTo(404);
  }

  @Test
  void tenantAdminWithoutSecretsReadThenForbiddenToReadValues() {
    put("admin/cannot-read", "{\"value\": \"v\"}");
    Response read = api.get(secret("admin/cannot-read")).bearer(admin).send();
    assertThat(read.status()).isEqualTo(403);
    assertThat(read.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response metadata =
        api.get("/api/v1/tenants/" + slug + "/secret-metadata/admin/cannot-read")
            .bearer(admin)
            .send();
    assertThat(metadata.status()).isEqualTo(200);
  }

  @Test
  void readerWithoutSecretsWriteThenForbiddenToWrite() {
    Response write =
        api.request("PUT", secret("reader/tries")).bearer(reader).json("{\"value\": \"v\"}").send();
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response metadata =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secret-metadata/reader/tries")
            .bearer(reader)
            .json("{\"owner\": \"me\"}")
            .send();
    assertThat(metadata.status()).isEqualTo(403);
  }

  @Test
  void corruptedCiphertextIsDetectedAnsweredWithoutDetailsAndAudited() throws SQLException {
    put("tamper/one", "{\"value\": \"precious\"}");
    asOwner(
        "update secret_versions set ciphertext = set_byte(ciphertext, 20, get_byte(ciphertext, 20) # 1)"
            + " where tenant_id = ? and path = 'tamper/one'");

    Response read = api.get(secret("tamper/one")).bearer(reader).send();
    assertThat(read.status()).as(read.toString()).isEqualTo(409);
    assertThat(read.problemType()).isEqualTo(PROBLEMS + "secret-unreadable");
    assertThat(read.body())
        .doesNotContain("Exception")
        .doesNotContain("at io.")
        .doesNotContain("precious");
    assertThat(auditedActions("secret.decryption_failed", "security")).isEqualTo(1);
  }

  @Test
  void ciphertextSwappedBetweenRowsFailsToDecrypt() throws SQLException {
    put("swap/a", "{\"value\": \"value-a\"}");
    put("swap/b", "{\"value\": \"value-b\"}");
    asOwner(
        "update secret_versions v set ciphertext = o.ciphertext from secret_versions o"
            + " where v.tenant_id = ? and o.tenant_id = v.tenant_id and v.version = 1"
            + " and o.version = 1 and ((v.path = 'swap/a' and o.path = 'swap/b')"
            + " or (v.path = 'swap/b' and o.path = 'swap/a'))");

    Response a = api.get(secret("swap/a")).bearer(reader).send();
    assertThat(a.status()).isEqualTo(409);
    assertThat(a.problemType()).isEqualTo(PROBLEMS + "secret-unreadable");
    assertThat(a.body()).doesNotContain("value-b");
    put("swap/c", "{\"value\": \"c1\"}");
    put("swap/c", "{\"value\": \"c2\"}");
    asOwner(
        "update secret_versions v set ciphertext = o.ciphertext from secret_versions o"
            + " where v.tenant_id = ? and o.tenant_id = v.tenant_id and v.path = 'swap/c'"
            + " and o.path = 'swap/c' and v.version = 2 and o.version = 1");
    assertThat(api.get(secret("swap/c")).bearer(reader).send().problemType())
        .isEqualTo(PROBLEMS + "secret-unreadable");
    assertThat(auditedActions("secret.decryption_failed", "security")).isEqualTo(2);
  }

  @Test
  void plantedValueIsStoredOnlyAsCiphertextInEveryTable() throws SQLException {
    String planted = "planted-secret-" + System.nanoTime();
    put("grep/planted", "{\"value\": \"" + planted + "\"}");
    assertThat(api.get(secret("grep/planted")).bearer(reader).send().body()).contains(planted);

    List<String> needles =
        List.of(
            planted,
            HexFormat.of().formatHex(planted.getBytes(StandardCharsets.UTF_8)),
            Base64.getEncoder()
                .encodeToString(planted.getBytes(StandardCharsets.UTF_8))
                .substring(0, 16));
    List<String> leaks = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    try (Connection connection = owner.getConnection();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "select table_name from information_schema.tables"
                        + " where table_schema = current_schema() and table_type = 'BASE TABLE'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      for (String table : tables) {
        for (String needle : needles) {
          try (PreparedStatement statement =
              connection.prepareStatement(
                  "select count(*) from \"" + table + "\" t where strpos(t::text, ?) > 0")) {
            statement.setString(1, needle);
            try (ResultSet count = statement.executeQuery()) {
              count.next();
              if (count.getLong(1) > 0) {
                leaks.add(table);
              }
            }
          }
        }
      }
    }
    assertThat(tables).contains("secret_versions", "secrets", "audit_entries");
    assertThat(leaks).as("tables holding the planted value in clear").isEmpty();
    assertThat(
            ownerCount(
                "select count(*) from secret_versions where tenant_id = ? and path = 'grep/planted'"
                    + " and ciphertext is not null"))
        .isEqualTo(1);
  }

  @Test
  void versionsBeyondMaxVersionsArePruned() {
    Response first = put("pruned/key", "{\"value\": \"v1\", \"metadata\": {\"max_versions\": 3}}");
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    for (int i = 2; i <= 5; i++) {
      put("pruned/key", "{\"value\": \"v" + i + "\"}");
    }
    assertThat(api.get(secret("pruned/key") + "?version=2").bearer(reader).send().problemType())
        .isEqualTo(PROBLEMS + "not-found");
    assertThat(api.get(secret("pruned/key") + "?version=3").bearer(reader).send().status())
        .isEqualTo(200);
    JsonNode metadata =
        api.get("/api/v1/tenants/" + slug + "/secret-metadata/pruned/key")
            .bearer(reader)
            .send()
            .json();
    assertThat(metadata.get("current_version").asInt()).isEqualTo(5);
    assertThat(metadata.get("max_versions").asInt()).isEqualTo(3);
    assertThat(metadata.get("versions")).hasSize(3);
    assertThat(metadata.get("versions").get(0).get("version").asInt()).isEqualTo(3);
    assertThat(
            ownerCount(
                "select count(*) from secret_versions where tenant_id = ? and path = 'pruned/key'"))
        .isEqualTo(3);
  }

  @Test
  void defaultKeepsTheLastTenVersions() {
    for (int i = 1; i <= 12; i++) {
      put("pruned/default", "{\"value\": \"v" + i + "\"}");
    }
    assertThat(
            ownerCount(
                "select count(*) from secret_versions where tenant_id = ? and path = 'pruned/default'"))
        .isEqualTo(10);
  }

  @Test
  void metadataIsReadableAndWritableWithoutTheValue() {
    put("meta/key", "{\"value\": \"hidden-from-metadata\"}");
    Response updated =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secret-metadata/meta/key")
            .bearer(admin)
            .json(
                """
                {"owner": "payments-team", "description": "Stripe key", \
                "classification": "customer_highly_sensitive", "rotation_period": "P90D", \
                "expires_at": "2030-01-01T00:00:00Z", "tags": {"env": "prod"}}\
                """)
            .send();
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    Response read =
        api.get("/api/v1/tenants/" + slug + "/secret-metadata/meta/key").bearer(reader).send();
    assertThat(read.body()).doesNotContain("hidden-from-metadata");
    JsonNode metadata = read.json();
    assertThat(metadata.get("owner").asString()).isEqualTo("payments-team");
    assertThat(metadata.get("classification").asString()).isEqualTo("customer_highly_sensitive");
    assertThat(metadata.get("rotation_period").asString()).isEqualTo("PT2160H");
    assertThat(metadata.get("tags").get("env").asString()).isEqualTo("prod");
    Response invalid =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secret-metadata/meta/key")
            .bearer(admin)
            .json("{\"classification\": \"top-secret\"}")
            .send();
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.problemType()).isEqualTo(PROBLEMS + "invalid-field");
    assertThat(invalid.json().get("field").asString()).isEqualTo("classification");
  }

  @Test
  void listingByPrefixPagesThroughNamesAndMetadataOnly() {
    for (String path : List.of("payments/a", "payments/b", "payments/c", "other/x")) {
      put(path, "{\"value\": \"list-value-" + path + "\"}");
    }
    Response first =
        api.get("/api/v1/tenants/" + slug + "/secrets?prefix=payments/&limit=2")
            .bearer(reader)
            .send();
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.body()).doesNotContain("list-value");
    assertThat(first.json().get("items")).hasSize(2);
    assertThat(first.json().get("items").get(0).get("path").asString()).isEqualTo("payments/a");
    String cursor = first.json().get("next_cursor").asString();
    Response second =
        api.get("/api/v1/tenants/" + slug + "/secrets?prefix=payments/&limit=2&cursor=" + cursor)
            .bearer(admin)
            .send();
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().get("items").get(0).get("path").asString()).isEqualTo("payments/c");
    assertThat(second.json().has("next_cursor")).isFalse();
    Response bad =
        api.get("/api/v1/tenants/" + slug + "/secrets?prefix=pay%25").bearer(reader).send();
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.problemType()).isEqualTo(PROBLEMS + "invalid-parameter");
  }

  @Test
  void readsAndWritesAreAuditedWithActorPurposeAndVersionButNeverTheValue() throws SQLException {
    put("audited/key", "{\"value\": \"audit-canary-value\"}");
    api.get(secret("audited/key")).bearer(reader).header("X-Bulwark-Purpose", "billing-run").send();
    api.request("DELETE", secret("audited/key")).bearer(ops).send();

    List<String> rows = new ArrayList<>();
    try (Connection connection = owner.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select category, action, actor_id, resource_type, resource_id,"
                    + " convert_from(body, 'UTF8') from audit_entries"
                    + " where tenant_id = ? and resource_id = 'audited/key' order by idx")) {
      statement.setObject(1, tenant.value());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.add(
              String.join(
                  "|",
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
          assertThat(rs.getString(6)).doesNotContain("audit-canary-value");
          if (rs.getString(2).equals("secret.read")) {
            assertThat(rs.getString(6)).contains("billing-run").contains("\"version\":1");
          }
        }
      }
    }
    assertThat(rows)
        .containsExactly(
            "configuration|secret.written|ops|secret|audited/key",
            "data_access|secret.read|reader|secret|audited/key",
            "configuration|secret.deleted|ops|secret|audited/key");
  }

  private Response put(String path, String body) {
    return api.request("PUT", secret(path)).bearer(ops).json(body).send();
  }

  private String secret(String path) {
    return "/api/v1/tenants/" + slug + "/secrets/" + path;
  }

  private long auditedActions(String action, String category) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select count(*) from audit_entries where tenant_id = ? and action = ?"
                    + " and category = ? and outcome = 'failure'")) {
      statement.setObject(1, tenant.value());
      statement.setString(2, action);
      statement.setString(3, category);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long ownerCount(String sql) {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, tenant.value());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void asOwner(String sql) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, tenant.value());
      assertThat(statement.executeUpdate()).isPositive();
    }
  }
}
