package io.bulwark.secrets.vault;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of secrets' metadata in path order.
 *
 * @param items the secrets, without versions or values
 * @param nextPosition the last path of this page when there are more, else null
 */
public record SecretPage(List<SecretMetadata> items, @Nullable String nextPosition) {

  public SecretPage {
    items = List.copyOf(items);
  }
}
