package io.bulwark.classification;

import io.bulwark.classification.HandlingRules.AccessControl;
import io.bulwark.classification.HandlingRules.AuditRequirement;
import io.bulwark.classification.HandlingRules.EncryptionAtRest;
import io.bulwark.classification.HandlingRules.LogRedaction;
import io.bulwark.platform.problem.InvalidFieldException;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The five data-classification tiers of the compliance blueprints, least sensitive first, each with
 * its {@link HandlingRules}. Their API names are the lower-case constant names ({@code
 * customer_sensitive}).
 *
 * @see <a href="https://gdpr-info.eu/art-9-gdpr/">GDPR Art. 9 (special categories)</a>
 * @see <a href="https://www.ecfr.gov/current/title-45/section-164.514">HIPAA 45 CFR 164.514</a>
 */
public enum ClassificationTier {
  /** Publicly available information. */
  PUBLIC(
      "Public",
      "Publicly available information",
      List.of("marketing content", "public documentation"),
      new HandlingRules(
          EncryptionAtRest.NONE,
          LogRedaction.NONE,
          AccessControl.PUBLIC,
          AuditRequirement.NONE,
          false,
          false,
          null)),

  /** For internal use only. */
  INTERNAL(
      "Internal",
      "Internal use only",
      List.of("internal documentation", "non-sensitive configuration"),
      new HandlingRules(
          EncryptionAtRest.BASIC,
          LogRedaction.BASIC,
          AccessControl.INTERNAL_STAFF,
          AuditRequirement.CHANGES,
          false,
          false,
          null)),

  /** Customer data that is not sensitive; retained two years by default, like usage metering. */
  CUSTOMER_NON_SENSITIVE(
      "Customer non-sensitive",
      "Customer data, not sensitive",
      List.of("product usage data", "non-PII analytics"),
      new HandlingRules(
          EncryptionAtRest.ENCRYPTED,
          LogRedaction.PII,
          AccessControl.TENANT_SCOPED,
          AuditRequirement.CHANGES,
          false,
          false,
          Period.ofYears(2))),

  /**
   * Personally identifiable information; kept while the account is active, so no fixed default
   * period (deleted accounts: 30 days' grace, then purge).
   */
  CUSTOMER_SENSITIVE(
      "Customer sensitive (PII)",
      "Personally identifiable information",
      List.of("names", "e-mail addresses", "phone numbers", "addresses"),
      new HandlingRules(
          EncryptionAtRest.FIELD_LEVEL,
          LogRedaction.FULL,
          AccessControl.JUSTIFIED,
          AuditRequirement.EVERY_READ,
          true,
          false,
          null)),

  /**
   * PHI, financial data and credentials; retained seven years by default (financial records 7
   * years, PHI access logs at least 6: the longer wins).
   */
  CUSTOMER_HIGHLY_SENSITIVE(
      "Customer highly sensitive (PHI, financial, credentials)",
      "Highly sensitive data",
      List.of("PHI", "financial data", "authentication credentials", "SSN"),
      new HandlingRules(
          EncryptionAtRest.PER_SUBJECT_KEYS,
          LogRedaction.FULL_WITH_MASKING,
          AccessControl.MINIMUM_NECESSARY,
          AuditRequirement.FULL_TRAIL,
          true,
          true,
          Period.ofYears(7)));

  private static final String NAMES =
      Arrays.stream(values()).map(ClassificationTier::apiName).collect(Collectors.joining(", "));

  private final String title;
  private final String description;
  private final List<String> examples;
  private final HandlingRules rules;

  ClassificationTier(String title, String description, List<String> examples, HandlingRules rules) {
    this.title = title;
    this.description = description;
    this.examples = List.copyOf(examples);
    this.rules = rules;
  }

  /**
   * @return the name used in the API and in stored schemas, such as {@code customer_sensitive}
   */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return the human name of the tier
   */
  public String title() {
    return title;
  }

  /**
   * @return what belongs in the tier
   */
  public String description() {
    return description;
  }

  /**
   * @return typical data of the tier
   */
  public List<String> examples() {
    return examples;
  }

  /**
   * @return how the tier's data must be handled
   */
  public HandlingRules rules() {
    return rules;
  }

  /**
   * @param other another tier
   * @return whether this tier is at least as sensitive as the other
   */
  public boolean isAtLeast(ClassificationTier other) {
    return compareTo(other) >= 0;
  }

  /**
   * Whether values of this tier are masked whole wherever they leave their store (redaction
   * responses, logs): customer-sensitive data and above.
   *
   * @return whether values of this tier are masked
   */
  public boolean masked() {
    return isAtLeast(CUSTOMER_SENSITIVE);
  }

  /**
   * @return the redaction detector types whose findings belong to this tier
   */
  public List<String> detectorTypes() {
    return DetectorTiers.detectorTypesOf(this);
  }

  /**
   * @param apiName a tier's API name, such as {@code customer_sensitive}
   * @return the tier, if the name is one
   */
  public static Optional<ClassificationTier> fromApiName(String apiName) {
    for (ClassificationTier tier : values()) {
      if (tier.apiName().equals(apiName)) {
        return Optional.of(tier);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a tier from a request field named {@code tier}.
   *
   * @param apiName the value sent, possibly null
   * @return the tier
   * @throws InvalidFieldException naming {@code tier} when missing or unknown
   */
  public static ClassificationTier parse(@Nullable String apiName) {
    if (apiName == null) {
      throw new InvalidFieldException("tier", "is required: one of " + NAMES);
    }
    return fromApiName(apiName)
        .orElseThrow(() -> new InvalidFieldException("tier", "must be one of " + NAMES));
  }
}
