package io.bulwark.audit;

import io.bulwark.platform.problem.InvalidFieldException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules for the fields an event marks sensitive. Only fields that carry personal data and that
 * nothing indexes may be marked: the identifying and filtered fields ({@code id}, {@code category},
 * {@code action}, {@code outcome}, {@code actor.id}, {@code resource}, {@code correlation_id}…)
 * must stay readable for the log to be searchable. A path into {@code details} must name at least
 * one of its fields, so that a misspelt path is rejected rather than leaving the value in clear.
 * Reasons never echo a value.
 */
final class SensitivePaths {

  static final int MAX_PATHS = 32;
  static final int MAX_LENGTH = 256;

  /** The fields outside {@code details} that may be marked. */
  static final Set<String> TOP_LEVEL =
      Set.of("actor.display", "actor.ip", "actor.user_agent", "justification");

  private static final String DETAILS = "details.";
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private SensitivePaths() {}

  static List<String> validate(@Nullable List<String> paths, @Nullable ObjectNode details) {
    if (paths == null) {
      return List.of();
    }
    if (paths.size() > MAX_PATHS) {
      throw new InvalidFieldException("sensitive", "must name at most " + MAX_PATHS + " fields");
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String field = "sensitive[" + i + "]";
      if (path == null) {
        throw new InvalidFieldException(field, "must be a field path");
      }
      String reason = reasonToReject(path, details);
      if (reason != null) {
        throw new InvalidFieldException(field, reason);
      }
      distinct.add(path);
    }
    return List.copyOf(distinct);
  }

  private static @Nullable String reasonToReject(String path, @Nullable ObjectNode details) {
    if (TOP_LEVEL.contains(path)) {
      return null;
    }
    if (!path.startsWith(DETAILS)) {
      return "must be one of actor.display, actor.ip, actor.user_agent, justification or a path"
          + " into details (details.card.number); identifying and indexed fields cannot be marked";
    }
    if (path.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    List<String> segments = List.of(path.substring(DETAILS.length()).split("\\.", -1));
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        return "must be dotted field names of letters, digits, '_' or '-' (details.card.number)";
      }
    }
    if (details == null || !names(details, segments)) {
      return "names no field of this event's details";
    }
    return null;
  }

  /** Whether the path reaches a field; array elements add no segment. */
  private static boolean names(JsonNode node, List<String> segments) {
    List<JsonNode> current = new ArrayList<>(List.of(node));
    for (String segment : segments) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode candidate : current) {
        collectMember(candidate, segment, next);
      }
      if (next.isEmpty()) {
        return false;
      }
      current = next;
    }
    return true;
  }

  private static void collectMember(JsonNode node, String name, List<JsonNode> into) {
    if (node.isObject()) {
      JsonNode member = node.get(name);
      if (member != null) {
        into.add(member);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        collectMember(element, name, into);
      }
    }
  }
}
