package io.bulwark.redact.json;

import org.jspecify.annotations.Nullable;

/**
 * Maps a field path to a classification label (for example a data-classification tier), which
 * {@link JsonRedactor.Builder#classification(String, JsonFieldAction)} turns into an action.
 */
@FunctionalInterface
public interface FieldClassifier {

  /**
   * The classification of the field at {@code path}, or {@code null} when unclassified.
   *
   * @param path dotted field names from the root; array elements add no segment ({@code
   *     {"items":[{"card":1}]}} has the path {@code items.card})
   */
  @Nullable String classify(String path);
}
