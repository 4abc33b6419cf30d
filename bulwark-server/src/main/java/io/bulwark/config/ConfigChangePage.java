package io.bulwark.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of history, newest first.
 *
 * @param items the changes
 * @param nextBefore the version to continue below, when there are older changes
 */
public record ConfigChangePage(List<ConfigChange> items, @Nullable Integer nextBefore) {

  public ConfigChangePage {
    items = List.copyOf(items);
  }
}
