package io.bulwark.audit;

import org.jspecify.annotations.Nullable;

/**
 * What was acted on.
 *
 * @param type the kind of resource, such as {@code secret}
 * @param id its identifier, when it has one
 */
public record AuditResource(String type, @Nullable String id) {

  public AuditResource {
    type = AuditFields.required(type, "resource.type", 128);
    id = AuditFields.optional(id, "resource.id", 256);
  }
}
