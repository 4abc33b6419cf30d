package io.bulwark.secrets.vault;

import io.bulwark.audit.AuditActor;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who asks the vault and why, as its audit records name them.
 *
 * @param actor the calling principal
 * @param purpose the declared purpose of the access ({@code X-Bulwark-Purpose}), if given
 * @param correlationId the request's correlation id
 */
public record SecretCaller(
    AuditActor actor, @Nullable String purpose, @Nullable String correlationId) {

  public SecretCaller {
    Objects.requireNonNull(actor, "actor");
  }
}
