package io.bulwark.config.web;

import io.bulwark.audit.AuditCaller;
import io.bulwark.authorization.AccessDecisions;
import io.bulwark.config.ConfigChange;
import io.bulwark.config.ConfigChangePage;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.platform.web.Cursors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the config endpoints share: the caller for audit records, entity tags (a document's version,
 * a collection's revision), conditional requests and paging parameters.
 */
@Component
final class ConfigRequests {

  static final String PURPOSE_HEADER = AuditCaller.PURPOSE_HEADER;
  static final int MAX_LIMIT = 200;
  private static final Pattern ENTITY_TAG = Pattern.compile("\"(0|[1-9][0-9]{0,8})\"");

  /** Reads may be cached but must be revalidated, which a matching If-None-Match makes cheap. */
  static final CacheControl REVALIDATE = CacheControl.noCache().cachePrivate();

  private final AccessDecisions decisions;

  ConfigRequests(AccessDecisions decisions) {
    this.decisions = decisions;
  }

  AuditCaller caller(@Nullable String purpose) {
    return AuditCaller.of(decisions.currentPrincipal(), purpose);
  }

  /** {@code If-Match: "<version>"}: one strong tag naming a version, "0" for "must not exist". */
  static @Nullable Integer expectedVersion(@Nullable String ifMatch) {
    if (ifMatch == null) {
      return null;
    }
    Matcher matcher = ENTITY_TAG.matcher(ifMatch.strip());
    if (!matcher.matches()) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "If-Match must be one entity tag naming a version, such as \"3\" (\"0\": must not"
              + " exist yet)",
          Map.of("parameter", "If-Match"));
    }
    return Integer.parseInt(matcher.group(1));
  }

  static String entityTag(long version) {
    return "\"" + version + "\"";
  }

  /**
   * Weak comparison, as RFC 9110 §13.1.2 prescribes for If-None-Match: a list of tags, {@code W/}
   * prefixes ignored, {@code *} matching any current representation.
   */
  static boolean noneMatchHits(@Nullable String ifNoneMatch, String entityTag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(entityTag)) {
        return true;
      }
    }
    return false;
  }

  static <T> ResponseEntity<T> notModified(String entityTag) {
    return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
        .eTag(entityTag)
        .cacheControl(REVALIDATE)
        .build();
  }

  static int limit(@Nullable Integer limit, int defaultLimit) {
    int size = limit == null ? defaultLimit : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'limit' must be 1 to " + MAX_LIMIT,
          Map.of("parameter", "limit"));
    }
    return size;
  }

  static String prefix(@Nullable String prefix) {
    if (prefix == null) {
      return "";
    }
    if (prefix.length() > 128 || !prefix.chars().allMatch(ConfigRequests::keyCharacter)) {
      throw new ApiProblem(
          ProblemType.INVALID_PARAMETER,
          "Parameter 'prefix' must be the start of a key: a-z, 0-9, '.', '_', '-'",
          Map.of("parameter", "prefix"));
    }
    return prefix;
  }

  private static boolean keyCharacter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  }

  static @Nullable Integer before(@Nullable String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      int before = Integer.parseInt(Cursors.decode(cursor));
      if (before < 1) {
        throw Cursors.invalid();
      }
      return before;
    } catch (NumberFormatException e) {
      throw Cursors.invalid();
    }
  }

  static HistoryResponse history(ConfigChangePage page) {
    return new HistoryResponse(
        page.items().stream().map(HistoryItem::of).toList(),
        page.nextBefore() == null ? null : Cursors.encode(page.nextBefore().toString()));
  }

  static ObjectNode entry(String key, ObjectNode document, int version, Instant updatedAt) {
    ObjectNode entry = document.objectNode();
    entry.put("key", key);
    entry.setAll(document);
    entry.put("version", version);
    entry.put("updated_at", updatedAt.toString());
    return entry;
  }

  record HistoryResponse(List<HistoryItem> items, @Nullable String nextCursor) {}

  record HistoryItem(
      int version,
      String change,
      Instant changedAt,
      Actor actor,
      @Nullable JsonNode document,
      @Nullable ArrayNode patch) {

    static HistoryItem of(ConfigChange change) {
      return new HistoryItem(
          change.version(),
          change.kind().apiName(),
          change.changedAt(),
          new Actor(change.actorType(), change.actorId()),
          change.document(),
          change.patch());
    }
  }

  record Actor(String type, @Nullable String id) {}
}
