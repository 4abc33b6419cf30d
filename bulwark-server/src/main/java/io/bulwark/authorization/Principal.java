package io.bulwark.authorization;

import io.bulwark.platform.TenantId;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: a user or service client of one tenant, with the roles its token carries.
 *
 * @param tenant the tenant whose issuer authenticated the caller
 * @param type user or client
 * @param id the subject
 * @param roles role names from the token
 * @param systemTenant whether the caller belongs to the platform's own tenant
 */
public record Principal(
    TenantId tenant, Type type, String id, Set<String> roles, boolean systemTenant) {

  /** The kind of principal. */
  public enum Type {
    USER,
    CLIENT
  }

  public Principal {
    Objects.requireNonNull(tenant);
    Objects.requireNonNull(type);
    Objects.requireNonNull(id);
    roles = Set.copyOf(roles);
  }
}
