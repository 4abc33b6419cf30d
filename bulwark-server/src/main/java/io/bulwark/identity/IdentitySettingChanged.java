package io.bulwark.identity;

import io.bulwark.platform.TenantId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Published, inside the transaction that made it, when a tenant's identity setting changed.
 * Listeners that record it (the audit ledger) take part in that transaction: no audit record, no
 * change.
 *
 * @param tenantId the tenant
 * @param setting which setting
 * @param from the values in force before, by their API names (the defaults if never set)
 * @param to the values in force now
 */
public record IdentitySettingChanged(
    TenantId tenantId, Setting setting, Map<String, Object> from, Map<String, Object> to) {

  public IdentitySettingChanged {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(setting, "setting");
    from = Map.copyOf(from);
    to = Map.copyOf(to);
  }

  /**
   * @return the audit action, such as {@code settings.tokens_changed}
   */
  public String action() {
    return "settings." + setting.name().toLowerCase(Locale.ROOT) + "_changed";
  }

  /** The settings, as {@code /api/v1/tenants/{slug}/settings/{name}} names them. */
  public enum Setting {
    TOKENS,
    LOCKOUT,
    MFA
  }
}
