package io.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.vault.SecretKeyRotations;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestTenants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Data-key and key-encryption-key rotation, with the rewrap of every secret version. */
@BulwarkIntegrationTest
class SecretKeyRotationIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;
  @Autowired TestClients clients;
  @Autowired SecretKeyRotations rotations;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  TestApi api;
  String slug;
  TenantId tenant;
  String ops;
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
    clients.register(tenant, "reader", "reader-secret-1", "secrets-reader");
    ops = api.token(slug, "ops", "ops-secret-1");
    reader = api.token(slug, "reader", "reader-secret-1");
  }

  @Test
  void rotateDataKeyThenRewrapMovesEveryVersionUnderTheNewKeyAndValuesStayReadable()
      throws Exception {
    put("payments/stripe", "{\"value\": \"s1\"}");
    put("payments/stripe", "{\"value\": \"s2\"}");
    put("db/password", "{\"value\": {\"user\": \"app\"}}");
    long oldKey = single(keyIds());

    Response rotated = rotate(ops);
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(202);
    assertThat(rotated.header("Location")).endsWith("/secrets-keys/rewrap");
    long newKey = rotated.json().get("key_id").asLong();
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(rotated.json().get("total").asLong()).isEqualTo(3);

    JsonNode done = awaitCompleted();
    assertThat(done.get("rewrapped").asLong()).isEqualTo(3);
    assertThat(done.get("failed").asLong()).isZero();
    assertThat(done.get("completed_at").isNull()).isFalse();
    assertThat(keyIds()).containsOnly(newKey);

    assertThat(read("payments/stripe").json().get("value").asString()).isEqualTo("s2");
    assertThat(read("payments/stripe?version=1").json().get("value").asString()).isEqualTo("s1");
    assertThat(read("db/password").json().get("value").get("user").asString()).isEqualTo("app");
    assertThat(audited("secret.data_key_rotated", "success")).isEqualTo(1);
    assertThat(audited("secret.rewrap_completed", "success")).isEqualTo(1);
  }

  @Test
  void writesAfterARotationUseTheNewKeyAndOldCiphertextsStillDecryptBeforeTheRewrap()
      throws Exception {
    put("before/rotation", "{\"value\": \"old\"}");
    long newKey = rotate(ops).json().get("key_id").asLong();
    put("after/rotation", "{\"value\": \"new\"}");

    assertThat(keyIdOf("after/rotation")).isEqualTo(newKey);
    assertThat(read("before/rotation").json().get("value").asString()).isEqualTo("old");
    awaitCompleted();
  }

  @Test
  void rewrapResumesFromItsStoredPosition() throws Exception {
    put("a/one", "{\"value\": \"1\"}");
    put("b/two", "{\"value\": \"2\"}");
    put("c/three", "{\"value\": \"3\"}");
    awaitCompletedAfter(rotate(ops));
    long key = single(keyIds());
    UUID id = UUID.randomUUID();
    // A rewrap that stopped (a restart) after visiting a/one, with c/three not yet rewrapped.
    asOwner(
        "insert into secret_rewraps (tenant_id, id, target_key_id, state, total, scanned,"
            + " cursor_path, cursor_version) values (?, '"
            + id
            + "', "
            + key
            + ", 'running', 3, 1, 'a/one', 1)");

    while (rotations.rewrapBatch(tenant, 1)) {
      // one version per batch, as a slow node would
    }

    JsonNode progress = rewrapProgress().json();
    assertThat(progress.get("id").asString()).isEqualTo(id.toString());
    assertThat(progress.get("state").asString()).isEqualTo("completed");
    assertThat(progress.get("scanned").asLong()).isEqualTo(3);
    assertThat(progress.get("rewrapped").asLong()).isZero();
  }

  @Test
  void rewrapBatchWhenAnotherNodeHoldsTheRewrapThenLeavesIt() throws Exception {
    put("locked/one", "{\"value\": \"1\"}");
    awaitCompletedAfter(rotate(ops));
    long key = single(keyIds());
    UUID id = UUID.randomUUID();
    asOwner(
        "insert into secret_rewraps (tenant_id, id, target_key_id, state, total) values (?, '"
            + id
            + "', "
            + key
            + ", 'running', 1)");
    try (Connection other = owner.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock =
          other.prepareStatement(
              "select id from secret_rewraps where tenant_id = ? and state = 'running'"
                  + " for update")) {
        lock.setObject(1, tenant.value());
        lock.executeQuery().close();
      }
      assertThat(rotations.rewrapBatch(tenant, 10)).isFalse();
      other.rollback();
    }
    JsonNode progress = rewrapProgress().json();
    assertThat(progress.get("state").asString()).isEqualTo("running");
    assertThat(progress.get("scanned").asLong()).isZero();
    while (rotations.rewrapBatch(tenant, 10)) {
      // finish it
    }
    assertThat(rewrapProgress().json().get("state").asString()).isEqualTo("completed");
  }

  @Test
  void corruptedCiphertextDuringRewrapIsCountedAuditedAndLeftAsItWas() throws Exception {
    put("tamper/rewrap", "{\"value\": \"precious\"}");
    put("fine/rewrap", "{\"value\": \"fine\"}");
    asOwner(
        "update secret_versions set ciphertext = set_byte(ciphertext, 20,"
            + " get_byte(ciphertext, 20) # 1) where tenant_id = ? and path = 'tamper/rewrap'");

    JsonNode done = awaitCompletedAfter(rotate(ops));

    assertThat(done.get("failed").asLong()).isEqualTo(1);
    assertThat(done.get("rewrapped").asLong()).isEqualTo(1);
    assertThat(audited("secret.decryption_failed", "failure")).isEqualTo(1);
    assertThat(audited("secret.rewrap_completed", "failure")).isEqualTo(1);
    Response tampered = read("tamper/rewrap");
    assertThat(tampered.status()).isEqualTo(409);
    assertThat(tampered.problemType()).isEqualTo(PROBLEMS + "secret-unreadable");
  }

  @Test
  void rotateWithoutSecretsAdminThenForbidden() {
    Response response = rotate(reader);
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
    Response progress =
        api.get("/api/v1/tenants/" + slug + "/secrets-keys/rewrap").bearer(reader).send();
    assertThat(progress.status()).isEqualTo(403);
    assertThat(progress.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void rotateInAnotherTenantThenForbidden() {
    var globex = TestTenants.globex();
    Response created =
        api.post("/api/v1/tenants").bearer(api.adminToken()).json(globex.json()).send();
    assertThat(created.status()).isEqualTo(201);
    Response response =
        api.post("/api/v1/tenants/" + globex.slug() + "/secrets-keys/rotate").bearer(ops).send();
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  @Test
  void rewrapProgressWhenNeverRotatedThenNotFound() {
    Response response = rewrapProgress();
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "not-found");
  }

  @Test
  void rotateKeyEncryptionKeyThenEveryKeysetIsRewrappedAndSecretsStayReadable() throws Exception {
    put("kek/one", "{\"value\": \"still here\"}");

    Response rotated =
        api.post("/api/v1/key-encryption-key/rotate").bearer(api.adminToken()).send();

    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    assertThat(rotated.json().get("rotated").asBoolean()).isTrue();
    assertThat(rotated.json().get("rewrapped_keysets").asInt()).isPositive();
    String kekId = rotated.json().get("key_encryption_key_id").asString();
    assertThat(kekId).startsWith("local-file:");
    assertThat(kekIds()).containsOnly(kekId);
    assertThat(read("kek/one").json().get("value").asString()).isEqualTo("still here");
    put("kek/one", "{\"value\": \"written after\"}");
    assertThat(read("kek/one").json().get("value").asString()).isEqualTo("written after");
  }

  @Test
  void rotateKeyEncryptionKeyAsATenantAdministratorThenForbidden() {
    Response response = api.post("/api/v1/key-encryption-key/rotate").bearer(ops).send();
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "forbidden");
  }

  private Response rotate(String token) {
    return api.post("/api/v1/tenants/" + slug + "/secrets-keys/rotate").bearer(token).send();
  }

  private Response rewrapProgress() {
    return api.get("/api/v1/tenants/" + slug + "/secrets-keys/rewrap").bearer(ops).send();
  }

  private JsonNode awaitCompletedAfter(Response rotated) throws InterruptedException {
    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(202);
    return awaitCompleted();
  }

  private JsonNode awaitCompleted() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      Response progress = rewrapProgress();
      assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
      if (progress.json().get("state").asString().equals("completed")) {
        return progress.json();
      }
      assertThat(System.nanoTime()).as("rewrap still running").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private Response put(String path, String body) {
    Response response =
        api.request("PUT", "/api/v1/tenants/" + slug + "/secrets/" + path)
            .bearer(ops)
            .json(body)
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response;
  }

  private Response read(String pathAndQuery) {
    return api.get("/api/v1/tenants/" + slug + "/secrets/" + pathAndQuery).bearer(reader).send();
  }

  private static long single(List<Long> ids) {
    assertThat(ids).isNotEmpty();
    assertThat(ids.stream().distinct()).hasSize(1);
    return ids.getFirst();
  }

  private long keyIdOf(String path) throws SQLException {
    return query(
            "select ciphertext from secret_versions where tenant_id = ? and path = '" + path + "'",
            rs -> Integer.toUnsignedLong(EncryptionKeys.dataKeyIdOf(rs.getBytes(1))))
        .getFirst();
  }

  private List<Long> keyIds() throws SQLException {
    return query(
        "select ciphertext from secret_versions where tenant_id = ? and ciphertext is not null",
        rs -> Integer.toUnsignedLong(EncryptionKeys.dataKeyIdOf(rs.getBytes(1))));
  }

  private List<String> kekIds() throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("select distinct kek_id from tenant_keysets");
        ResultSet rs = statement.executeQuery()) {
      List<String> ids = new ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    }
  }

  private long audited(String action, String outcome) throws SQLException {
    return query(
            "select count(*) from audit_entries where tenant_id = ? and action = '"
                + action
                + "' and outcome = '"
                + outcome
                + "'",
            rs -> rs.getLong(1))
        .getFirst();
  }

  private <T> List<T> query(String sql, Row<T> row) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, tenant.value());
      try (ResultSet rs = statement.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(row.map(rs));
        }
        return rows;
      }
    }
  }

  private void asOwner(String sql) throws SQLException {
    try (Connection connection = owner.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, tenant.value());
      assertThat(statement.executeUpdate()).isPositive();
    }
  }

  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
