package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something happened while a person signed in to a tenant issuer: a login succeeded or failed, an
 * account or source address was locked out, a TOTP factor was enrolled, failed, reset or removed by
 * its user, a person signed out. Never carries a password, code or secret.
 *
 * @param tenantId the tenant
 * @param action what happened ({@code login.succeeded}, {@code login.failed}, {@code
 *     login.locked_out}, {@code mfa.enrolled}, {@code mfa.failed}, {@code mfa.reset}, {@code
 *     mfa.removed}, {@code logout})
 * @param success whether it is a success
 * @param userId the user, when known (never for an unknown username)
 * @param reason for failures a short machine reason ({@code bad_credentials}, {@code unknown_user},
 *     {@code locked}, {@code bad_code}, …); for a login that succeeded, the authentication methods
 *     ({@code pwd otp})
 * @param sourceIp the client's address
 * @param userAgent the client's user agent
 */
public record SignInRecorded(
    TenantId tenantId,
    String action,
    boolean success,
    @Nullable UUID userId,
    @Nullable String reason,
    @Nullable String sourceIp,
    @Nullable String userAgent) {

  public SignInRecorded {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(action, "action");
  }

  @Override
  public String toString() {
    return "SignInRecorded[action=" + action + ", success=" + success + "]";
  }
}
