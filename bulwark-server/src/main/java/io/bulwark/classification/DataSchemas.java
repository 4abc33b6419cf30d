package io.bulwark.classification;

import io.bulwark.platform.TenantId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's data schemas: the classification of every field of its record types. Other modules ask
 * it the tier of a record field to decide encryption, redaction, audit and retention.
 *
 * @see <a href="https://gdpr-info.eu/art-30-gdpr/">GDPR Art. 30 (records of processing)</a>
 */
public interface DataSchemas {

  /**
   * Registers a record type at version 1.
   *
   * @param tenant the owning tenant
   * @param definition what to register
   * @return the registered schema
   * @throws io.bulwark.platform.problem.ApiProblem 409 when the tenant has a schema of that name
   */
  DataSchema register(TenantId tenant, DataSchemaDefinition definition);

  /**
   * @param tenant the owning tenant
   * @param name a record type's name
   * @return its schema, if the tenant registered one
   */
  Optional<DataSchema> find(TenantId tenant, SchemaName name);

  /**
   * Lists a tenant's schemas in name order.
   *
   * @param tenant the owning tenant
   * @param after continue after this name, or from the start when null
   * @param limit at most this many (1 to 200)
   * @return a page
   */
  DataSchemaPage list(TenantId tenant, @Nullable SchemaName after, int limit);

  /**
   * Replaces a schema's description and fields, giving it the next version number.
   *
   * @param tenant the owning tenant
   * @param definition the new content; its name picks the schema
   * @return the schema as it is now
   * @throws io.bulwark.platform.problem.ApiProblem 404 when there is no such schema
   */
  DataSchema replace(TenantId tenant, DataSchemaDefinition definition);

  /**
   * @param tenant the owning tenant
   * @param name a record type's name
   * @return whether a schema was deleted
   */
  boolean delete(TenantId tenant, SchemaName name);

  /**
   * The tier of one field of a tenant's record type (its own, or its nearest classified
   * ancestor's).
   *
   * @param tenant the owning tenant
   * @param name the record type
   * @param fieldPath dotted field names; array elements add no segment
   * @return the tier, or empty when the record type or the field is not classified
   */
  default Optional<ClassificationTier> tierOf(TenantId tenant, SchemaName name, String fieldPath) {
    return find(tenant, name).flatMap(schema -> schema.tierOf(fieldPath));
  }
}
