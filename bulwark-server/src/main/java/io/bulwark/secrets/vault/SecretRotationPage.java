package io.bulwark.secrets.vault;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of the rotation report, in path order.
 *
 * @param items the secrets due or overdue
 * @param nextPosition the last path of this page when there is more, else null
 */
public record SecretRotationPage(List<SecretRotationStatus> items, @Nullable String nextPosition) {

  public SecretRotationPage {
    items = List.copyOf(items);
  }
}
