package io.bulwark.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's feature flag as stored now.
 *
 * @param key its name
 * @param definition its type, state, rules, rollout and values
 * @param version the version, numbered from 1 per key without gaps (deletions count)
 * @param updatedAt when this version was written
 */
public record FeatureFlag(
    ConfigKey key, FlagDefinition definition, int version, Instant updatedAt) {

  public FeatureFlag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
