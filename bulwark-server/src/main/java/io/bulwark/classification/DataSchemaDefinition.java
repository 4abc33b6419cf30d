package io.bulwark.classification;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a caller registers, or replaces, as a record type's data schema.
 *
 * @param name the record type's name
 * @param description what the record type is, or null
 * @param fields its classified fields, each path once
 */
public record DataSchemaDefinition(
    SchemaName name, @Nullable String description, List<SchemaField> fields) {

  /** The most fields one schema may classify. */
  public static final int MAX_FIELDS = 1000;

  static final int MAX_DESCRIPTION = 1000;

  public DataSchemaDefinition {
    Objects.requireNonNull(name, "name");
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw new InvalidFieldException(
          "description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
    if (fields == null || fields.isEmpty() || fields.size() > MAX_FIELDS) {
      throw new InvalidFieldException(
          "fields", "must list 1 to " + MAX_FIELDS + " classified fields");
    }
    fields = List.copyOf(fields);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      Integer first = seen.putIfAbsent(fields.get(i).path(), i);
      if (first != null) {
        throw new InvalidFieldException(
            "fields[" + i + "].path", "repeats the path of fields[" + first + "]");
      }
    }
  }
}
