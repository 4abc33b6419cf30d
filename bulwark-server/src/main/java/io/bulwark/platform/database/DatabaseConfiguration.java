package io.bulwark.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two connection pools on one PostgreSQL: the owner's, which runs Flyway migrations, and the
 * runtime's, which connects as a role that owns nothing so that row-level security applies to every
 * query it makes.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  @Bean(destroyMethod = "close")
  DatabaseServer databaseServer(DatabaseProperties properties) {
    return DatabaseServer.of(properties);
  }

  @Bean(destroyMethod = "close")
  @FlywayDataSource
  @Qualifier("owner")
  HikariDataSource ownerDataSource(DatabaseServer server) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bulwark-owner");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.ownerUser());
    config.setPassword(server.ownerPassword());
    return new HikariDataSource(config);
  }

  @Bean(destroyMethod = "close")
  @Primary
  TenantBindingDataSource dataSource(
      DatabaseProperties properties, @Qualifier("owner") HikariDataSource owner) {
    String role = properties.appUser();
    if (!ROLE_NAME.matcher(role).matches()) {
      throw new IllegalStateException("BULWARK_DB_APP_USER must be a plain lower-case role name");
    }
    String password = properties.appPassword();
    if (password == null || password.isEmpty()) {
      password = randomPassword();
      ensureRuntimeRole(owner, role, password);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("bulwark-app");
    config.setJdbcUrl(owner.getJdbcUrl());
    config.setUsername(role);
    config.setPassword(password);
    config.setMaximumPoolSize(properties.poolSize());
    config.setInitializationFailTimeout(-1);
    return new TenantBindingDataSource(new HikariDataSource(config));
  }

  private static void ensureRuntimeRole(DataSource owner, String role, String password) {
    try (Connection connection = owner.getConnection()) {
      boolean exists;
      try (PreparedStatement query =
          connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
        query.setString(1, role);
        try (ResultSet rows = query.executeQuery()) {
          exists = rows.next();
        }
      }
      try (Statement statement = connection.createStatement()) {
        // Role names cannot be bound as parameters; the name is checked against ROLE_NAME and the
        // password is hex.
        String attributes =
            " login nosuperuser nocreatedb nocreaterole nobypassrls password '" + password + "'";
        statement.execute((exists ? "alter role " : "create role ") + role + " with" + attributes);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not prepare the runtime database role; the owner needs CREATEROLE, or set"
              + " BULWARK_DB_APP_USER and BULWARK_DB_APP_PASSWORD",
          e);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
