package io.bulwark.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of settings or flags in key order.
 *
 * @param items the entries
 * @param nextPosition the key to continue after, when there are more
 * @param revision the tenant's revision of this kind of config, read before the page: the
 *     collection's entity tag
 * @param <T> {@link Setting} or {@link FeatureFlag}
 */
public record ConfigPage<T>(List<T> items, @Nullable String nextPosition, long revision) {

  public ConfigPage {
    items = List.copyOf(items);
  }
}
