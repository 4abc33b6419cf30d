package io.bulwark.identity;

import io.bulwark.platform.TenantId;

/**
 * A tenant's identity settings besides the MFA policy ({@link UserMfa}): token lifetimes and the
 * brute-force lockout policy. Every change publishes {@link IdentitySettingChanged} in its
 * transaction and applies to what happens afterwards at once: the next token issued, the next
 * failed sign-in.
 */
public interface IdentitySettings {

  /**
   * @param tenant a tenant
   * @return its token lifetimes, {@link TokenLifetimes#DEFAULT} unless set
   */
  TokenLifetimes tokenLifetimes(TenantId tenant);

  /**
   * @param tenant a tenant
   * @param lifetimes the new lifetimes
   * @return the lifetimes now in force
   */
  TokenLifetimes setTokenLifetimes(TenantId tenant, TokenLifetimes lifetimes);

  /**
   * @param tenant a tenant
   * @return its lockout policy, {@link LockoutPolicy#DEFAULT} unless set
   */
  LockoutPolicy lockoutPolicy(TenantId tenant);

  /**
   * @param tenant a tenant
   * @param policy the new policy
   * @return the policy now in force
   */
  LockoutPolicy setLockoutPolicy(TenantId tenant, LockoutPolicy policy);
}
