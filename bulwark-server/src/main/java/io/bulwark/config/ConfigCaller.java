package io.bulwark.config;

import io.bulwark.audit.AuditActor;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who changes config and why, as the audit records and the history name them.
 *
 * @param actor the calling principal
 * @param purpose the declared purpose ({@code X-Bulwark-Purpose}), if given
 * @param correlationId the request's correlation id
 */
public record ConfigCaller(
    AuditActor actor, @Nullable String purpose, @Nullable String correlationId) {

  public ConfigCaller {
    Objects.requireNonNull(actor, "actor");
  }
}
