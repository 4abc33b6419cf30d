package io.bulwark.platform.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of error the API answers, each with a stable RFC 9457 {@code type} URI under {@link
 * #BASE}. The list is documented in {@code docs/problems.md}; a test keeps the two in step.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3.1.1">RFC 9457 §3.1.1</a>
 */
public enum ProblemType {
  MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
  INVALID_FIELD("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field"),
  UNKNOWN_FIELD("unknown-field", HttpStatus.BAD_REQUEST, "Unknown field"),
  INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
  TENANT_SUSPENDED("tenant-suspended", HttpStatus.FORBIDDEN, "Tenant suspended"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  TENANT_NOT_FOUND("tenant-not-found", HttpStatus.NOT_FOUND, "Tenant not found"),
  SECRET_VERSION_DELETED("secret-version-deleted", HttpStatus.NOT_FOUND, "Secret version deleted"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  ALREADY_EXISTS("already-exists", HttpStatus.CONFLICT, "Already exists"),
  INVALID_STATE("invalid-state", HttpStatus.CONFLICT, "Invalid state"),
  SECRET_VERSION_DESTROYED("secret-version-destroyed", HttpStatus.GONE, "Secret version destroyed"),
  AUDIT_ENTRY_PRUNED("audit-entry-pruned", HttpStatus.GONE, "Audit entry pruned"),
  PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
  PRECONDITION_REQUIRED(
      "precondition-required", HttpStatus.PRECONDITION_REQUIRED, "Precondition required"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
  // After INTERNAL_ERROR: a bare 500 status maps to the first type with that status.
  AUDIT_LOG_DAMAGED("audit-log-damaged", HttpStatus.INTERNAL_SERVER_ERROR, "Audit log damaged"),
  SECRET_UNREADABLE("secret-unreadable", HttpStatus.CONFLICT, "Secret unreadable"),
  SERVER_OVERLOADED("server-overloaded", HttpStatus.SERVICE_UNAVAILABLE, "Server overloaded");

  /** The base under which every problem type URI lives. */
  public static final String BASE = "https://bulwark.io/problems/";

  private final URI uri;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.uri = URI.create(BASE + slug);
    this.status = status;
    this.title = title;
  }

  /**
   * @return the stable type URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * @return the HTTP status this problem is answered with
   */
  public HttpStatus status() {
    return status;
  }

  /**
   * @return the short, human title of this problem type
   */
  public String title() {
    return title;
  }
}
