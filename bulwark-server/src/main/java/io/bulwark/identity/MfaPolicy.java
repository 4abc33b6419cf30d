package io.bulwark.identity;

import io.bulwark.authorization.ScopedRole;
import io.bulwark.platform.problem.InvalidFieldException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's rule for multi-factor sign-in, enforced at login: who must present a TOTP code after
 * the password.
 *
 * @param mode optional for all, required for all, or required for holders of {@code roles}
 * @param roles the roles that require MFA under {@link Mode#ROLES}; empty otherwise
 */
public record MfaPolicy(Mode mode, List<String> roles) {

  private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9:_-]{0,99}");

  /** The default: users may enroll, none must. */
  public static final MfaPolicy OPTIONAL = new MfaPolicy(Mode.OPTIONAL, List.of());

  public MfaPolicy {
    Objects.requireNonNull(mode, "mode");
    roles = List.copyOf(roles == null ? List.of() : roles);
    if (mode == Mode.ROLES && roles.isEmpty()) {
      throw new InvalidFieldException("roles", "must name at least one role when mode is roles");
    }
    if (mode != Mode.ROLES && !roles.isEmpty()) {
      throw new InvalidFieldException("roles", "is only allowed when mode is roles");
    }
    if (roles.size() > 50) {
      throw new InvalidFieldException("roles", "must name at most 50 roles");
    }
    for (int i = 0; i < roles.size(); i++) {
      if (!ROLE.matcher(roles.get(i)).matches()) {
        throw new InvalidFieldException("roles[" + i + "]", "is not a role name");
      }
    }
  }

  /**
   * @param userRoles the roles a user holds
   * @return whether that user must sign in with a second factor
   */
  public boolean requires(List<String> userRoles) {
    return switch (mode) {
      case OPTIONAL -> false;
      case REQUIRED -> true;
      case ROLES ->
          userRoles.stream().map(held -> ScopedRole.parse(held).role()).anyMatch(roles::contains);
    };
  }

  /**
   * @return the policy by its API field names, as audit records show it
   */
  public Map<String, Object> asFields() {
    return Map.of("mode", mode.name().toLowerCase(Locale.ROOT), "roles", roles);
  }

  /** Who must use MFA. */
  public enum Mode {
    OPTIONAL,
    REQUIRED,
    ROLES
  }
}
