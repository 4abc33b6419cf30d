package io.bulwark.tenancy;

/** Whether a tenant may use the platform. */
public enum TenantStatus {
  /** Serves requests. */
  ACTIVE,
  /** Refused on every API and token endpoint with 403 until reactivated. */
  SUSPENDED
}
