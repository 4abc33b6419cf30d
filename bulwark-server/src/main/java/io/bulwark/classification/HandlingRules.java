package io.bulwark.classification;

import java.time.Period;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How data of one {@link ClassificationTier} must be stored, logged, accessed and audited, as the
 * compliance blueprints' classification rules state them.
 *
 * @param encryptionAtRest how it is encrypted at rest
 * @param logRedaction how much of it is redacted from logs, error messages and debugging output
 * @param accessControl who may see it
 * @param audit which accesses leave an audit record
 * @param justificationRequired whether a reader must give a business justification
 * @param breakGlassOutsideRole whether access outside the reader's role goes through break-glass
 * @param defaultRetention how long it is kept by default, or null when the blueprints give no
 *     single period for the tier (retention is then set per record type and tenant)
 * @see <a href="https://gdpr-info.eu/art-32-gdpr/">GDPR Art. 32 (security of processing)</a>
 * @see <a href="https://www.ecfr.gov/current/title-45/section-164.312">HIPAA 45 CFR 164.312</a>
 */
public record HandlingRules(
    EncryptionAtRest encryptionAtRest,
    LogRedaction logRedaction,
    AccessControl accessControl,
    AuditRequirement audit,
    boolean justificationRequired,
    boolean breakGlassOutsideRole,
    @Nullable Period defaultRetention) {

  public HandlingRules {
    Objects.requireNonNull(encryptionAtRest, "encryptionAtRest");
    Objects.requireNonNull(logRedaction, "logRedaction");
    Objects.requireNonNull(accessControl, "accessControl");
    Objects.requireNonNull(audit, "audit");
    if (justificationRequired && audit.compareTo(AuditRequirement.EVERY_READ) < 0) {
      throw new IllegalArgumentException(
          "A justification nobody audits is worthless: audit must be at least EVERY_READ, was "
              + audit);
    }
    if (breakGlassOutsideRole && !justificationRequired) {
      throw new IllegalArgumentException("Break-glass access requires a justification");
    }
    if (defaultRetention != null && (defaultRetention.isNegative() || defaultRetention.isZero())) {
      throw new IllegalArgumentException("A default retention must be positive");
    }
  }

  /** Encryption at rest, weakest first. */
  public enum EncryptionAtRest {
    /** No special handling. */
    NONE,
    /** Standard storage encryption. */
    BASIC,
    /** Encrypted at rest under the tenant's keys, tenant-scoped. */
    ENCRYPTED,
    /** Strong encryption of the individual fields. */
    FIELD_LEVEL,
    /** Strongest: keys per data subject, so erasing a key erases the data (crypto-shredding). */
    PER_SUBJECT_KEYS
  }

  /** Redaction in logs, error messages and debugging output, weakest first. */
  public enum LogRedaction {
    /** No redaction required. */
    NONE,
    /** Secrets and credentials are redacted. */
    BASIC,
    /** Personal data is redacted as well. */
    PII,
    /** The value never appears. */
    FULL,
    /** The value never appears, and copies shown elsewhere are masked. */
    FULL_WITH_MASKING
  }

  /** Who may see the data, most open first. */
  public enum AccessControl {
    /** Anyone. */
    PUBLIC,
    /** Internal staff only. */
    INTERNAL_STAFF,
    /** The customer and authorized staff, scoped to the tenant. */
    TENANT_SCOPED,
    /** The customer and authorized staff with a business justification. */
    JUSTIFIED,
    /** Minimum necessary access: only the fields a task needs. */
    MINIMUM_NECESSARY
  }

  /** What is audited, least first. */
  public enum AuditRequirement {
    /** Nothing beyond the platform's own operations. */
    NONE,
    /** Changes are audited. */
    CHANGES,
    /** Every read is audited as well. */
    EVERY_READ,
    /** A full, tamper-evident trail of every access and change. */
    FULL_TRAIL
  }
}
