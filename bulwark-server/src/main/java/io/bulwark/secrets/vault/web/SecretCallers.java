package io.bulwark.secrets.vault.web;

import io.bulwark.audit.AuditCaller;
import io.bulwark.authorization.AccessDecisions;
import org.jspecify.annotations.Nullable;

/** The caller of the current request as the vault's audit records name it. */
final class SecretCallers {

  static final String PURPOSE_HEADER = AuditCaller.PURPOSE_HEADER;

  private SecretCallers() {}

  static AuditCaller current(AccessDecisions decisions, @Nullable String purpose) {
    return AuditCaller.of(decisions.currentPrincipal(), purpose);
  }
}
