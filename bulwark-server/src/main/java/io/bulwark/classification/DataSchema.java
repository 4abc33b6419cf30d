package io.bulwark.classification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's registered record type: which tier each of its fields belongs to.
 *
 * @param name the record type's name
 * @param description what the record type is, or null
 * @param fields its classified fields
 * @param version 1 when registered, one more on every replacement
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 */
public record DataSchema(
    SchemaName name,
    @Nullable String description,
    List<SchemaField> fields,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  public DataSchema {
    Objects.requireNonNull(name, "name");
    fields = new DataSchemaDefinition(name, description, fields).fields();
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * The tier of a field: that of its own entry, else that of its nearest classified ancestor
   * (classifying {@code address} covers {@code address.postcode}).
   *
   * @param path dotted field names from the record's root; array elements add no segment
   * @return the tier, or empty when neither the field nor an ancestor is classified
   */
  public Optional<ClassificationTier> tierOf(String path) {
    return classifier().apply(path);
  }

  /**
   * For classifying many fields: {@link #tierOf(String)} over an index built once.
   *
   * @return a function from field path to tier
   */
  public Function<String, Optional<ClassificationTier>> classifier() {
    Map<String, ClassificationTier> byPath = byPath();
    return path -> {
      String candidate = path;
      while (true) {
        ClassificationTier tier = byPath.get(candidate);
        if (tier != null) {
          return Optional.of(tier);
        }
        int dot = candidate.lastIndexOf('.');
        if (dot < 0) {
          return Optional.empty();
        }
        candidate = candidate.substring(0, dot);
      }
    };
  }

  /**
   * @return each classified path with its tier
   */
  public Map<String, ClassificationTier> byPath() {
    return fields.stream()
        .collect(Collectors.toUnmodifiableMap(SchemaField::path, SchemaField::tier));
  }

  /**
   * @return the definition this schema was registered or last replaced with
   */
  public DataSchemaDefinition definition() {
    return new DataSchemaDefinition(name, description, fields);
  }
}
