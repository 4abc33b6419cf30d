package io.bulwark.secrets.vault.internal;

import io.bulwark.platform.TenantId;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resumes rewraps from the queue every few seconds on every node, so a rewrap interrupted by a
 * restart or a failed batch goes on. (The node that rotates starts the rewrap right away.)
 */
@Component
class SecretRewrapWorker {

  private final JdbcSecretKeyRotations rotations;

  SecretRewrapWorker(JdbcSecretKeyRotations rotations) {
    this.rotations = rotations;
  }

  @Scheduled(
      initialDelayString = "${bulwark.secrets.rewrap-interval:PT10S}",
      fixedDelayString = "${bulwark.secrets.rewrap-interval:PT10S}")
  void resumeQueued() {
    for (TenantId tenant : rotations.queued()) {
      rotations.drain(tenant);
    }
  }
}
