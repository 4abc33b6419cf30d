package io.bulwark.tenancy;

import java.util.List;
import java.util.Optional;

/**
 * One page of tenants in slug order.
 *
 * @param tenants the tenants on this page
 * @param nextAfter the slug to continue after, when there are more
 */
public record TenantPage(List<Tenant> tenants, Optional<TenantSlug> nextAfter) {

  public TenantPage {
    tenants = List.copyOf(tenants);
  }
}
