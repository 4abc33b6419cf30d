package io.bulwark.classification;

import java.util.List;
import java.util.Optional;

/**
 * One page of a tenant's data schemas in name order.
 *
 * @param schemas the schemas on this page
 * @param nextAfter the name to continue after, when there are more
 */
public record DataSchemaPage(List<DataSchema> schemas, Optional<SchemaName> nextAfter) {

  public DataSchemaPage {
    schemas = List.copyOf(schemas);
  }
}
