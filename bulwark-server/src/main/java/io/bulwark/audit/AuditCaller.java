package io.bulwark.audit;

import io.bulwark.authorization.Principal;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.CorrelationIdFilter;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Who asks for an audited operation and why, as its audit records name them: the calling principal,
 * the purpose it declared in {@value #PURPOSE_HEADER} (HIPAA's purpose of use), and the request's
 * correlation id.
 *
 * @param actor the calling principal
 * @param purpose the declared purpose, if given
 * @param correlationId the request's correlation id
 * @see <a href="https://www.ecfr.gov/current/title-45/section-164.502">45 CFR 164.502(b)</a>
 */
public record AuditCaller(
    AuditActor actor, @Nullable String purpose, @Nullable String correlationId) {

  /** The request header in which a caller declares the purpose of its access. */
  public static final String PURPOSE_HEADER = "X-Bulwark-Purpose";

  public AuditCaller {
    Objects.requireNonNull(actor, "actor");
  }

  /**
   * The caller of the current request.
   *
   * @param principal the authenticated principal
   * @param purpose the {@value #PURPOSE_HEADER} header, if sent
   * @return the caller, with the correlation id of the request being served
   * @throws ApiProblem {@code invalid-parameter} when the purpose is blank or over 256 characters
   */
  public static AuditCaller of(Principal principal, @Nullable String purpose) {
    if (purpose != null && (purpose.isBlank() || purpose.length() > 256)) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Header " + PURPOSE_HEADER + " must be 1 to 256 characters",
          Map.of("parameter", PURPOSE_HEADER));
    }
    AuditActor actor =
        new AuditActor(
            principal.type() == Principal.Type.USER
                ? AuditActor.Type.USER
                : AuditActor.Type.SERVICE,
            principal.id(),
            null,
            null,
            null);
    String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
    if (correlationId != null && (correlationId.isBlank() || correlationId.length() > 128)) {
      correlationId = null;
    }
    return new AuditCaller(actor, purpose, correlationId);
  }
}
