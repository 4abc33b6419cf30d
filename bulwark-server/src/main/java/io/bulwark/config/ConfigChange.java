package io.bulwark.config;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version in the history of a setting or a flag.
 *
 * @param version the version this change made
 * @param kind created, updated or deleted
 * @param changedAt when
 * @param actorType who: {@code user}, {@code service} or {@code system}
 * @param actorId the user or client id
 * @param document the whole document after the change; null for a deletion
 * @param patch the RFC 6902 JSON Patch from the previous document to this one (for a creation, one
 *     {@code add} of the whole document); null for a deletion
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6902">RFC 6902</a>
 */
public record ConfigChange(
    int version,
    Kind kind,
    Instant changedAt,
    String actorType,
    @Nullable String actorId,
    @Nullable ObjectNode document,
    @Nullable ArrayNode patch) {

  public ConfigChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(changedAt, "changedAt");
    Objects.requireNonNull(actorType, "actorType");
  }

  /** What a change did. */
  public enum Kind {
    CREATED,
    UPDATED,
    DELETED;

    /**
     * @return the name in the API
     */
    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a name as {@link #apiName()} writes it
     * @return the kind
     */
    public static Kind fromApiName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }
}
