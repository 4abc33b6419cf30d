package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.UUID;

/**
 * Multi-factor sign-in administration: the tenant's MFA policy and resetting a user's factors (RFC
 * 6238 TOTP and its recovery codes).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238">RFC 6238</a>
 */
public interface UserMfa {

  /**
   * @param tenant a tenant
   * @return its policy, {@link MfaPolicy#OPTIONAL} unless set
   */
  MfaPolicy policy(TenantId tenant);

  /**
   * @param tenant a tenant
   * @param policy the new policy
   * @return the policy now in force
   */
  MfaPolicy setPolicy(TenantId tenant, MfaPolicy policy);

  /**
   * Removes the user's TOTP factor and recovery codes: the next sign-in enrolls again if the policy
   * requires MFA.
   *
   * @param tenant the tenant
   * @param userId the user, not deleted
   * @throws io.bulwark.platform.problem.ApiProblem 404 when there is no such user
   */
  void reset(TenantId tenant, UUID userId);
}
