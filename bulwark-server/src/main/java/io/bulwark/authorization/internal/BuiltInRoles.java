package io.bulwark.authorization.internal;

import static io.bulwark.authorization.Permissions.AUDIT_HASH;
import static io.bulwark.authorization.Permissions.AUDIT_READ;
import static io.bulwark.authorization.Permissions.AUDIT_RETENTION;
import static io.bulwark.authorization.Permissions.AUDIT_VERIFY;
import static io.bulwark.authorization.Permissions.AUDIT_WRITE;
import static io.bulwark.authorization.Permissions.CLASSIFICATION_READ;
import static io.bulwark.authorization.Permissions.CLIENTS_READ;
import static io.bulwark.authorization.Permissions.CONFIG_READ;
import static io.bulwark.authorization.Permissions.CONFIG_WRITE;
import static io.bulwark.authorization.Permissions.KEYS_READ;
import static io.bulwark.authorization.Permissions.KEYS_ROTATE;
import static io.bulwark.authorization.Permissions.METRICS_READ;
import static io.bulwark.authorization.Permissions.REDACT_USE;
import static io.bulwark.authorization.Permissions.ROLES_READ;
import static io.bulwark.authorization.Permissions.SECRETS_ADMIN;
import static io.bulwark.authorization.Permissions.SECRETS_DELETE;
import static io.bulwark.authorization.Permissions.SECRETS_READ;
import static io.bulwark.authorization.Permissions.SECRETS_WRITE;
import static io.bulwark.authorization.Permissions.TENANTS_READ;
import static io.bulwark.authorization.Permissions.USERS_READ;

import io.bulwark.authorization.Permission;
import io.bulwark.authorization.Role;
import io.bulwark.authorization.Role.Scope;
import io.bulwark.authorization.Roles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The roles of the RBAC model in the compliance blueprints, each with the least set of permissions
 * its job needs. Nobody but a service granted {@code secrets-reader} reads secret values: the
 * administrators manage secrets without seeing them.
 */
@Component
final class BuiltInRoles implements Roles {

  private static final Permission ALL_TENANTS = Permission.of("tenants:*");
  private static final Permission ALL_USERS = Permission.of("users:*");
  private static final Permission ALL_CLIENTS = Permission.of("clients:*");
  private static final Permission ALL_ROLES = Permission.of("roles:*");
  private static final Permission ALL_KEYS = Permission.of("keys:*");
  private static final Permission ALL_AUDIT = Permission.of("audit:*");
  private static final Permission ALL_CONFIG = Permission.of("config:*");
  private static final Permission ALL_CLASSIFICATION = Permission.of("classification:*");

  private static final List<Role> ROLES =
      List.of(
          platform(
              "platform-admin",
              "Platform administrator: runs tenants, identity, audit, config; manages but cannot"
                  + " read secret values",
              ALL_TENANTS,
              ALL_USERS,
              ALL_CLIENTS,
              ALL_ROLES,
              ALL_KEYS,
              ALL_AUDIT,
              SECRETS_ADMIN,
              ALL_CONFIG,
              ALL_CLASSIFICATION,
              REDACT_USE,
              METRICS_READ),
          platform(
              "platform-operator",
              "Platform operator: deployment, monitoring, incident response",
              TENANTS_READ,
              METRICS_READ,
              AUDIT_READ,
              AUDIT_VERIFY,
              KEYS_READ,
              CONFIG_READ),
          platform(
              "platform-developer",
              "Platform developer: feature work and bug fixes, read-only diagnostics",
              CONFIG_READ,
              CLASSIFICATION_READ,
              METRICS_READ),
          platform(
              "sre",
              "SRE / DevOps engineer: infrastructure, deployment, monitoring, key rotation",
              TENANTS_READ,
              METRICS_READ,
              AUDIT_VERIFY,
              KEYS_READ,
              KEYS_ROTATE),
          platform(
              "security-engineer",
              "Security engineer: security monitoring and incident response",
              AUDIT_READ,
              AUDIT_VERIFY,
              KEYS_READ,
              KEYS_ROTATE,
              ROLES_READ,
              USERS_READ,
              CLIENTS_READ,
              CLASSIFICATION_READ,
              METRICS_READ),
          platform(
              "support-tier1",
              "Customer support, tier 1: looks up tenants and accounts",
              TENANTS_READ,
              USERS_READ),
          platform(
              "support-tier2",
              "Customer support, tier 2: also clients and the audit trail",
              TENANTS_READ,
              USERS_READ,
              CLIENTS_READ,
              AUDIT_READ),
          platform(
              "technical-support",
              "Technical support: escalated issues, with configuration and metrics",
              TENANTS_READ,
              USERS_READ,
              CLIENTS_READ,
              AUDIT_READ,
              CONFIG_READ,
              METRICS_READ),
          platform(
              "enterprise-support",
              "Enterprise support: dedicated support for enterprise tenants",
              TENANTS_READ,
              USERS_READ,
              CLIENTS_READ,
              AUDIT_READ,
              CONFIG_READ),
          tenant(
              "tenant-admin",
              "Tenant administrator: users, clients, roles, keys, config and secrets metadata of"
                  + " one tenant",
              ALL_USERS,
              ALL_CLIENTS,
              ALL_ROLES,
              ALL_KEYS,
              AUDIT_READ,
              AUDIT_VERIFY,
              AUDIT_HASH,
              AUDIT_RETENTION,
              SECRETS_ADMIN,
              SECRETS_WRITE,
              SECRETS_DELETE,
              ALL_CONFIG,
              ALL_CLASSIFICATION,
              REDACT_USE),
          tenant(
              "product-manager",
              "Product manager: reads feature flags, settings and data schemas",
              CONFIG_READ,
              CLASSIFICATION_READ),
          tenant(
              "product-developer",
              "Product developer: feature flags and settings, schemas, redaction",
              CONFIG_READ,
              CONFIG_WRITE,
              CLASSIFICATION_READ,
              REDACT_USE),
          tenant(
              "product-support",
              "Product support: the tenant's users and audit trail",
              USERS_READ,
              AUDIT_READ),
          tenant("audit-writer", "Service: writes audit events", AUDIT_WRITE),
          tenant("secrets-reader", "Service: reads secret values", SECRETS_READ),
          tenant(
              "config-reader", "Service: reads settings and evaluates feature flags", CONFIG_READ),
          tenant("redactor", "Service: redacts text and JSON", REDACT_USE));

  private static final Map<String, Role> BY_NAME =
      ROLES.stream().collect(Collectors.toUnmodifiableMap(Role::name, Function.identity()));

  @Override
  public Optional<Role> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  @Override
  public List<Role> builtIn() {
    return ROLES;
  }

  private static Role platform(String name, String description, Permission... permissions) {
    return new Role(name, description, Scope.PLATFORM, Set.of(permissions));
  }

  private static Role tenant(String name, String description, Permission... permissions) {
    return new Role(name, description, Scope.TENANT, Set.of(permissions));
  }
}
