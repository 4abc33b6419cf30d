package io.bulwark.config;

import io.bulwark.audit.AuditCaller;
import io.bulwark.platform.TenantId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's feature flags, versioned and audited like {@link TenantSettings}, and evaluated for a
 * context by {@link FlagEvaluator}.
 *
 * @see <a href="https://openfeature.dev/specification/sections/flag-evaluation">OpenFeature flag
 *     evaluation</a>
 */
public interface FeatureFlags {

  /**
   * Creates or replaces a flag. Its type cannot change; a definition without a salt keeps the
   * stored one (or gets a fresh one), so rollout buckets survive edits.
   *
   * @param tenant whose
   * @param key which
   * @param definition the flag, already validated
   * @param expectedVersion check-and-set (0: must not exist), or null
   * @param caller who and why
   * @return the flag afterwards
   */
  FeatureFlag put(
      TenantId tenant,
      ConfigKey key,
      FlagDefinition definition,
      @Nullable Integer expectedVersion,
      AuditCaller caller);

  /**
   * @param tenant whose
   * @param key which
   * @return the flag, unless absent or deleted
   */
  Optional<FeatureFlag> find(TenantId tenant, ConfigKey key);

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
   * @return flags in key order with the revision
   */
  ConfigPage<FeatureFlag> list(TenantId tenant, String prefix, @Nullable String after, int limit);

  /**
   * @param tenant whose
   * @return a number that grows with every change of any of the tenant's flags
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

  /**
   * @param tenant whose
   * @param context the attributes to evaluate for
   * @return every live flag's evaluation, in key order, with the revision evaluated
   */
  ConfigPage<FlagEvaluation> evaluateAll(TenantId tenant, EvaluationContext context);
}
