package io.bulwark.platform.database;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Bulwark keeps its data. With no {@code url}, an embedded PostgreSQL runs with its files
 * under {@code dataDir}. Otherwise {@code user} must own the schema (it runs the migrations) and
 * the runtime connects as {@code appUser}, a role that owns nothing, so row-level security binds
 * it.
 *
 * @param dataDir the directory for Bulwark's local files ({@code BULWARK_DATA_DIR})
 * @param url the JDBC URL of an external PostgreSQL 15+ ({@code BULWARK_DB_URL})
 * @param user the schema owner ({@code BULWARK_DB_USER})
 * @param password the schema owner's password ({@code BULWARK_DB_PASSWORD})
 * @param appUser the runtime role ({@code BULWARK_DB_APP_USER})
 * @param appPassword the runtime role's password ({@code BULWARK_DB_APP_PASSWORD}); when empty,
 *     Bulwark sets a fresh random password on every start (the owner needs CREATEROLE)
 * @param poolSize the runtime connection pool's size ({@code BULWARK_DB_POOL_SIZE})
 */
@ConfigurationProperties("bulwark.db")
public record DatabaseProperties(
    Path dataDir,
    @Nullable String url,
    @Nullable String user,
    @Nullable String password,
    String appUser,
    @Nullable String appPassword,
    int poolSize) {

  /**
   * @return whether an external PostgreSQL is configured
   */
  public boolean external() {
    return url != null && !url.isBlank();
  }

  @Override
  public String toString() {
    return "DatabaseProperties[dataDir=" + dataDir + ", external=" + external() + "]";
  }
}
