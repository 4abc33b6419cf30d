package io.bulwark.identity.internal;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How the identity caches drop entries a change made stale: at once, so the rest of the changing
 * transaction reads fresh, and again when that transaction ends, so nothing another request cached
 * meanwhile from the not-yet-committed state outlives the commit.
 */
final class Forgetting {

  private Forgetting() {}

  /**
   * @param forget drops the stale entries; run now and, inside a transaction, after it completes
   */
  static void nowAndAfterTransaction(Runnable forget) {
    forget.run();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              forget.run();
            }
          });
    }
  }
}
