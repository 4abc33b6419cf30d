package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published, inside the transaction that made it, when an administrator (or the purge job) changed
 * a tenant's user account. Listeners that record it (the audit ledger) take part in that
 * transaction: no audit record, no change. Never carries a password.
 *
 * @param tenantId the user's tenant
 * @param userId the user
 * @param change what happened
 * @param status for {@link Change#UPDATED}, the account's status afterwards ({@code active}, {@code
 *     disabled}, {@code locked}); otherwise null
 */
public record UserChanged(TenantId tenantId, UUID userId, Change change, @Nullable String status) {

  public UserChanged {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(change, "change");
  }

  /** The kinds of change. */
  public enum Change {
    CREATED,
    UPDATED,
    PASSWORD_CHANGED,
    UNLOCKED,
    DELETED,
    RESTORED,
    PURGED;

    /**
     * @return the audit action naming the change, such as {@code user.password_changed}
     */
    public String action() {
      return "user." + name().toLowerCase(Locale.ROOT);
    }
  }
}
