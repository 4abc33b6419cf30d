package io.bulwark.platform.database;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server Bulwark uses: an external one when {@code BULWARK_DB_URL} is set, else one
 * it runs itself. Closing it stops the embedded server, if any.
 */
final class DatabaseServer implements AutoCloseable {

  private final String jdbcUrl;
  private final String ownerUser;
  private final @Nullable String ownerPassword;
  private final @Nullable EmbeddedDatabase embedded;

  private DatabaseServer(
      String jdbcUrl,
      String ownerUser,
      @Nullable String ownerPassword,
      @Nullable EmbeddedDatabase embedded) {
    this.jdbcUrl = jdbcUrl;
    this.ownerUser = ownerUser;
    this.ownerPassword = ownerPassword;
    this.embedded = embedded;
  }

  static DatabaseServer of(DatabaseProperties properties) {
    if (properties.external()) {
      if (properties.user() == null || properties.user().isBlank()) {
        throw new IllegalStateException("BULWARK_DB_URL is set but BULWARK_DB_USER is not");
      }
      return new DatabaseServer(properties.url(), properties.user(), properties.password(), null);
    }
    EmbeddedDatabase embedded = EmbeddedDatabase.start(properties.dataDir());
    return new DatabaseServer(embedded.jdbcUrl(), "postgres", null, embedded);
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String ownerUser() {
    return ownerUser;
  }

  @Nullable String ownerPassword() {
    return ownerPassword;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }

  @Override
  public String toString() {
    return "DatabaseServer[embedded=" + (embedded != null) + "]";
  }
}
