package io.bulwark.audit.internal;

import io.bulwark.platform.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An embedded PostgreSQL of its own, its database owned by a role that is no superuser (so forced
 * row-level security applies to it, as to a production owner), migrated to a chosen version: for
 * tests of a migration or of the plans the schema gets, away from the shared test database.
 */
final class OwnedLedgerDatabase implements AutoCloseable {

  private static final Map<String, String> PLACEHOLDERS =
      Map.of("app_role", "bulwark_app", "system_region", "local");

  private final EmbeddedPostgres postgres;
  private final DataSource owner;

  private OwnedLedgerDatabase(EmbeddedPostgres postgres, DataSource owner) {
    this.postgres = postgres;
    this.owner = owner;
  }

  static OwnedLedgerDatabase start() throws IOException, SQLException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("create role bulwark_app login");
      statement.execute("create role audit_owner login nosuperuser password 'owner'");
      statement.execute("create database ledger owner audit_owner");
    }
    return new OwnedLedgerDatabase(
        postgres,
        new DriverManagerDataSource(
            postgres.getJdbcUrl("audit_owner", "ledger"), "audit_owner", "owner"));
  }

  /** Migrates up to and including {@code version}. */
  void migrateTo(String version) {
    Flyway.configure()
        .dataSource(owner)
        .placeholders(PLACEHOLDERS)
        .target(version)
        .load()
        .migrate();
  }

  /** Applies every migration. */
  void migrate() {
    migrateTo("latest");
  }

  /** The owner, on connections bound to no tenant. */
  JdbcClient owner() {
    return JdbcClient.create(owner);
  }

  interface Work {
    void run(JdbcClient bound) throws Exception;
  }

  /** Runs work as the owner on one connection bound to the tenant, as the runtime binds it. */
  void inTenant(TenantId tenant, Work work) throws Exception {
    try (Connection connection = owner.getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("set bulwark.tenant_id = '" + tenant + "'");
      }
      work.run(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
