package io.bulwark.config.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class JsonPatchesTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void changedMemberIsOneReplace() {
    ArrayNode patch =
        diff("{\"type\": \"number\", \"value\": 30}", "{\"type\": \"number\", \"value\": 45}");
    assertThat(patch)
        .isEqualTo(json("[{\"op\": \"replace\", \"path\": \"/value\", \"value\": 45}]"));
  }

  @Test
  void addedAndRemovedMembersAndEscapedNames() {
    ArrayNode patch = diff("{\"a\": 1, \"x/y\": 2}", "{\"a\": 1, \"m~n\": 3}");
    assertThat(patch)
        .isEqualTo(
            json(
                "[{\"op\": \"remove\", \"path\": \"/x~1y\"},"
                    + " {\"op\": \"add\", \"path\": \"/m~0n\", \"value\": 3}]"));
  }

  @Test
  void creationIsOneAddOfTheWholeDocument() {
    ArrayNode patch = JsonPatches.diff(null, json("{\"a\": 1}"));
    assertThat(patch).isEqualTo(json("[{\"op\": \"add\", \"path\": \"\", \"value\": {\"a\": 1}}]"));
  }

  @Test
  void applyingThePatchToTheOldDocumentGivesTheNewOne() {
    String[][] pairs = {
      {"{\"rules\": [1, 2, 3], \"on\": true}", "{\"rules\": [1, 5], \"on\": false}"},
      {"{\"rules\": [1]}", "{\"rules\": [1, {\"a\": [2]}, 3]}"},
      {"{\"v\": {\"deep\": {\"x\": 1, \"y\": [1, 2]}}}", "{\"v\": {\"deep\": {\"y\": [2]}}}"},
      {"{\"v\": [1, 2]}", "{\"v\": {\"0\": 1}}"},
      {"{\"v\": 1}", "{\"v\": 1}"}
    };
    for (String[] pair : pairs) {
      JsonNode from = json(pair[0]);
      JsonNode to = json(pair[1]);
      assertThat(apply(from, JsonPatches.diff(from, to)))
          .as(pair[0] + " -> " + pair[1])
          .isEqualTo(to);
    }
    assertThat(diff("{\"v\": 1}", "{\"v\": 1}")).isEmpty();
  }

  /** A minimal RFC 6902 applier for add, remove and replace, to check the diff against. */
  private static JsonNode apply(JsonNode document, ArrayNode patch) {
    JsonNode result = document.deepCopy();
    for (JsonNode operation : patch) {
      String path = operation.get("path").asString();
      String op = operation.get("op").asString();
      if (path.isEmpty()) {
        result = operation.get("value").deepCopy();
        continue;
      }
      int cut = path.lastIndexOf('/');
      JsonNode parent = result.at(path.substring(0, cut));
      String last = path.substring(cut + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof ObjectNode object) {
        if (op.equals("remove")) {
          object.remove(last);
        } else {
          object.set(last, operation.get("value").deepCopy());
        }
      } else if (parent instanceof ArrayNode array) {
        int index = Integer.parseInt(last);
        switch (op) {
          case "remove" -> array.remove(index);
          case "add" -> array.insert(index, operation.get("value").deepCopy());
          default -> array.set(index, operation.get("value").deepCopy());
        }
      }
    }
    return result;
  }

  private static ArrayNode diff(String from, String to) {
    return JsonPatches.diff(json(from), json(to));
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
