package io.bulwark.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's setting as stored now.
 *
 * @param key its name
 * @param definition its type, value, schema and description
 * @param version the version, numbered from 1 per key without gaps (deletions count)
 * @param updatedAt when this version was written
 */
public record Setting(ConfigKey key, SettingDefinition definition, int version, Instant updatedAt) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
