package io.bulwark.authorization;

import java.util.List;

/** The permissions Bulwark's APIs check. Adding an API adds its permissions here. */
public final class Permissions {

  public static final Permission TENANTS_READ = Permission.of("tenants:read");
  public static final Permission TENANTS_WRITE = Permission.of("tenants:write");
  public static final Permission USERS_READ = Permission.of("users:read");
  public static final Permission USERS_WRITE = Permission.of("users:write");
  public static final Permission CLIENTS_READ = Permission.of("clients:read");
  public static final Permission CLIENTS_WRITE = Permission.of("clients:write");
  public static final Permission ROLES_READ = Permission.of("roles:read");
  public static final Permission ROLES_WRITE = Permission.of("roles:write");
  public static final Permission KEYS_READ = Permission.of("keys:read");
  public static final Permission KEYS_ROTATE = Permission.of("keys:rotate");
  public static final Permission AUDIT_READ = Permission.of("audit:read");
  public static final Permission AUDIT_WRITE = Permission.of("audit:write");
  public static final Permission AUDIT_VERIFY = Permission.of("audit:verify");
  public static final Permission AUDIT_HASH = Permission.of("audit:hash");
  public static final Permission AUDIT_RETENTION = Permission.of("audit:retention");
  public static final Permission SECRETS_READ = Permission.of("secrets:read");
  public static final Permission SECRETS_WRITE = Permission.of("secrets:write");
  public static final Permission SECRETS_DELETE = Permission.of("secrets:delete");
  public static final Permission SECRETS_ADMIN = Permission.of("secrets:admin");
  public static final Permission CONFIG_READ = Permission.of("config:read");
  public static final Permission CONFIG_WRITE = Permission.of("config:write");
  public static final Permission CLASSIFICATION_READ = Permission.of("classification:read");
  public static final Permission CLASSIFICATION_WRITE = Permission.of("classification:write");
  public static final Permission REDACT_USE = Permission.of("redact:use");
  public static final Permission METRICS_READ = Permission.of("metrics:read");

  /** Every permission above, for validation and documentation. */
  public static final List<Permission> ALL =
      List.of(
          TENANTS_READ,
          TENANTS_WRITE,
          USERS_READ,
          USERS_WRITE,
          CLIENTS_READ,
          CLIENTS_WRITE,
          ROLES_READ,
          ROLES_WRITE,
          KEYS_READ,
          KEYS_ROTATE,
          AUDIT_READ,
          AUDIT_WRITE,
          AUDIT_VERIFY,
          AUDIT_HASH,
          AUDIT_RETENTION,
          SECRETS_READ,
          SECRETS_WRITE,
          SECRETS_DELETE,
          SECRETS_ADMIN,
          CONFIG_READ,
          CONFIG_WRITE,
          CLASSIFICATION_READ,
          CLASSIFICATION_WRITE,
          REDACT_USE,
          METRICS_READ);

  private Permissions() {}
}
