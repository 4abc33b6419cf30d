package io.bulwark.config;

import io.bulwark.audit.AuditCaller;
import io.bulwark.platform.TenantId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's typed settings. Every change makes a new version, kept with its JSON Patch in the
 * history, and is appended to the tenant's audit log in the same transaction; unchanged writes make
 * none. Errors are {@link io.bulwark.platform.problem.ApiProblem}s with the documented problem
 * types.
 */
public interface TenantSettings {

  /**
   * Creates or replaces a setting. Its type cannot change (delete and create it anew).
   *
   * @param tenant whose
   * @param key which
   * @param definition the new type, value, schema and description, already validated
   * @param expectedVersion check-and-set: the version the caller believes current (0: must not
   *     exist); null for none
   * @param caller who and why
   * @return the setting afterwards
   */
  Setting put(
      TenantId tenant,
      ConfigKey key,
      SettingDefinition definition,
      @Nullable Integer expectedVersion,
      AuditCaller caller);

  /**
   * @param tenant whose
   * @param key which
   * @return the setting, unless absent or deleted
   */
  Optional<Setting> find(TenantId tenant, ConfigKey key);

  /**
   * @param tenant whose
   * @param key which
   * @param expectedVersion check-and-set, or null
   * @param caller who and why
   */
  void delete(
      TenantId tenant, ConfigKey key, @Nullable Integer expectedVersion, AuditCaller caller);

  /**
   * @param tenant whose
   * @param prefix keys starting with this (empty for all)
   * @param after the last key of the previous page, if any
   * @param limit the page size
   * @return settings in key order with the revision
   */
  ConfigPage<Setting> list(TenantId tenant, String prefix, @Nullable String after, int limit);

  /**
   * @param tenant whose
   * @return a number that grows with every change of any of the tenant's settings
   */
  long revision(TenantId tenant);

  /**
   * @param tenant whose
   * @param key which, deleted ones included
   * @param before only versions below this, if given
   * @param limit the page size
   * @return the changes, newest first
   */
  ConfigChangePage history(TenantId tenant, ConfigKey key, @Nullable Integer before, int limit);
}
