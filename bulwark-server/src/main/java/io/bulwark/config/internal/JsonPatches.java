package io.bulwark.config.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes RFC 6902 JSON Patches between two documents: object members are added, removed or
 * recursed into; arrays are compared index by index, then shortened from the end or extended;
 * anything else that differs is replaced. Applying the patch to the first document yields the
 * second.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6902">RFC 6902</a>
 */
final class JsonPatches {

  private JsonPatches() {}

  /**
   * @param from the previous document, or null when there was none
   * @param to the new document
   * @return the operations turning {@code from} into {@code to}
   */
  static ArrayNode diff(@Nullable JsonNode from, JsonNode to) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    if (from == null) {
      patch.add(operation("add", "", to));
      return patch;
    }
    diff("", from, to, patch);
    return patch;
  }

  private static void diff(String path, JsonNode from, JsonNode to, ArrayNode patch) {
    if (from.equals(to)) {
      return;
    }
    if (from.isObject() && to.isObject()) {
      for (String name : from.propertyNames()) {
        if (!to.has(name)) {
          patch.add(operation("remove", path + "/" + escape(name), null));
        }
      }
      for (Map.Entry<String, JsonNode> member : to.properties()) {
        String child = path + "/" + escape(member.getKey());
        JsonNode previous = from.get(member.getKey());
        if (previous == null) {
          patch.add(operation("add", child, member.getValue()));
        } else {
          diff(child, previous, member.getValue(), patch);
        }
      }
      return;
    }
    if (from.isArray() && to.isArray()) {
      int common = Math.min(from.size(), to.size());
      for (int i = 0; i < common; i++) {
        diff(path + "/" + i, from.get(i), to.get(i), patch);
      }
      for (int i = from.size() - 1; i >= to.size(); i--) {
        patch.add(operation("remove", path + "/" + i, null));
      }
      for (int i = from.size(); i < to.size(); i++) {
        patch.add(operation("add", path + "/" + i, to.get(i)));
      }
      return;
    }
    patch.add(operation("replace", path, to));
  }

  private static ObjectNode operation(String op, String path, @Nullable JsonNode value) {
    ObjectNode operation = JsonNodeFactory.instance.objectNode();
    operation.put("op", op);
    operation.put("path", path);
    if (value != null) {
      operation.set("value", value.deepCopy());
    }
    return operation;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
