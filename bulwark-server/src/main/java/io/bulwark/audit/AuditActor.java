package io.bulwark.audit;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who acted. People and services are named by {@code id}; the platform itself may act as {@code
 * system} without one. Display names, addresses and user agents are personal data: they never
 * appear in {@link #toString()}.
 *
 * @param type the kind of actor
 * @param id a stable identifier (user id, client id), required for users and services
 * @param display a human-readable name
 * @param ip the client's IPv4 or IPv6 address
 * @param userAgent the client's user agent
 */
public record AuditActor(
    Type type,
    @Nullable String id,
    @Nullable String display,
    @Nullable String ip,
    @Nullable String userAgent) {

  private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z._-]{1,32})?");

  public AuditActor {
    Objects.requireNonNull(type, "type");
    id = AuditFields.optional(id, "actor.id", 256);
    if (id == null && type != Type.SYSTEM) {
      throw new InvalidFieldException("actor.id", "is required for users and services");
    }
    display = AuditFields.optional(display, "actor.display", 256);
    if (ip != null
        && !(IP.matcher(ip).matches() && (ip.indexOf(':') >= 0 || ip.indexOf('.') > 0))) {
      throw new InvalidFieldException("actor.ip", "must be an IPv4 or IPv6 address");
    }
    userAgent = AuditFields.optional(userAgent, "actor.user_agent", 512);
  }

  /**
   * @param id what the platform calls the acting component
   * @return the platform itself acting
   */
  public static AuditActor system(String id) {
    return new AuditActor(Type.SYSTEM, id, null, null, null);
  }

  @Override
  public String toString() {
    return "AuditActor[type=" + type.wireName() + "]";
  }

  /** The kinds of actor. */
  public enum Type {
    USER,
    SERVICE,
    SYSTEM;

    // Computed once: the ingest path asks for it several times per event.
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /**
     * @return the name used in JSON
     */
    public String wireName() {
      return wireName;
    }

    /**
     * @param wireName a name as {@link #wireName()} writes it
     * @return the type, if the name is one
     */
    public static Optional<Type> fromWireName(String wireName) {
      for (Type type : values()) {
        if (type.wireName().equals(wireName)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }
}
