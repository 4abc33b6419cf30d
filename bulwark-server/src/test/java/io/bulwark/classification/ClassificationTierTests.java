package io.bulwark.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.classification.HandlingRules.AccessControl;
import io.bulwark.classification.HandlingRules.AuditRequirement;
import io.bulwark.classification.HandlingRules.EncryptionAtRest;
import io.bulwark.classification.HandlingRules.LogRedaction;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.redact.DetectorTypes;
import java.time.Period;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClassificationTierTests {

  @Test
  void tiersAreOrderedFromPublicToHighlySensitive() {
    assertThat(ClassificationTier.values())
        .extracting(ClassificationTier::apiName)
        .containsExactly(
            "public",
            "internal",
            "customer_non_sensitive",
            "customer_sensitive",
            "customer_highly_sensitive");
  }

  @Test
  void handlingGetsNoWeakerAsTiersGetMoreSensitive() {
    ClassificationTier[] tiers = ClassificationTier.values();
    for (int i = 1; i < tiers.length; i++) {
      HandlingRules weaker = tiers[i - 1].rules();
      HandlingRules stronger = tiers[i].rules();
      assertThat(stronger.encryptionAtRest()).isGreaterThan(weaker.encryptionAtRest());
      assertThat(stronger.logRedaction()).isGreaterThan(weaker.logRedaction());
      assertThat(stronger.accessControl()).isGreaterThan(weaker.accessControl());
      assertThat(stronger.audit()).isGreaterThanOrEqualTo(weaker.audit());
    }
  }

  @Test
  void publicDataHasNoSpecialHandling() {
    HandlingRules rules = ClassificationTier.PUBLIC.rules();

    assertThat(rules.encryptionAtRest()).isEqualTo(EncryptionAtRest.NONE);
    assertThat(rules.logRedaction()).isEqualTo(LogRedaction.NONE);
    assertThat(rules.accessControl()).isEqualTo(AccessControl.PUBLIC);
    assertThat(rules.justificationRequired()).isFalse();
  }

  @Test
  void personalDataNeedsJustificationAndEveryReadAudited() {
    HandlingRules rules = ClassificationTier.CUSTOMER_SENSITIVE.rules();

    assertThat(rules.encryptionAtRest()).isEqualTo(EncryptionAtRest.FIELD_LEVEL);
    assertThat(rules.logRedaction()).isEqualTo(LogRedaction.FULL);
    assertThat(rules.justificationRequired()).isTrue();
    assertThat(rules.audit()).isEqualTo(AuditRequirement.EVERY_READ);
    assertThat(rules.breakGlassOutsideRole()).isFalse();
  }

  @Test
  void highlySensitiveDataNeedsPerSubjectKeysFullTrailAndBreakGlass() {
    HandlingRules rules = ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE.rules();

    assertThat(rules.encryptionAtRest()).isEqualTo(EncryptionAtRest.PER_SUBJECT_KEYS);
    assertThat(rules.logRedaction()).isEqualTo(LogRedaction.FULL_WITH_MASKING);
    assertThat(rules.accessControl()).isEqualTo(AccessControl.MINIMUM_NECESSARY);
    assertThat(rules.audit()).isEqualTo(AuditRequirement.FULL_TRAIL);
    assertThat(rules.breakGlassOutsideRole()).isTrue();
    assertThat(rules.defaultRetention()).isEqualTo(Period.ofYears(7));
  }

  @Test
  void onlyCustomerSensitiveTiersAndAboveAreMaskedWhole() {
    assertThat(Arrays.stream(ClassificationTier.values()).filter(ClassificationTier::masked))
        .containsExactly(
            ClassificationTier.CUSTOMER_SENSITIVE, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE);
  }

  @Test
  void justificationWithoutAuditedReadsIsRejected() {
    assertThatThrownBy(() ->
            new HandlingRules(
                EncryptionAtRest.FIELD_LEVEL,
                LogRedaction.FULL,
                AccessControl.JUSTIFIED,
                AuditRequirement.CHANGES,
                true,
                false,
                null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CHANGES");
  }

  @Test
  void breakGlassWithoutJustificationIsRejected() {
    assertThatThrownBy(() ->
            new HandlingRules(
                EncryptionAtRest.ENCRYPTED,
                LogRedaction.PII,
                AccessControl.TENANT_SCOPED,
                AuditRequirement.FULL_TRAIL,
                false,
                true,
                null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void zeroRetentionIsRejected() {
    assertThatThrownBy(() ->
            new HandlingRules(
                EncryptionAtRest.NONE,
                LogRedaction.NONE,
                AccessControl.PUBLIC,
                AuditRequirement.NONE,
                false,
                false,
                Period.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsingAnUnknownTierNamesTheTierField() {
    assertThatThrownBy(() -> ClassificationTier.parse("secret"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("tier"));
    assertThatThrownBy(() -> ClassificationTier.parse(null))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.reason()).startsWith("is required"));
    assertThat(ClassificationTier.parse("customer_sensitive"))
        .isEqualTo(ClassificationTier.CUSTOMER_SENSITIVE);
  }

  @Test
  void everyBuiltInDetectorTypeHasATier() {
    for (String type : DetectorTypes.ALL) {
      assertThat(DetectorTiers.tierOf(type)).as(type).isPresent();
    }
  }

  @Test
  void detectorTypesMapToTheTiersOfTheirData() {
    assertThat(ClassificationTier.CUSTOMER_SENSITIVE.detectorTypes())
        .containsExactlyInAnyOrder(
            DetectorTypes.EMAIL,
            DetectorTypes.PHONE,
            DetectorTypes.IP_ADDRESS,
            DetectorTypes.DATE_OF_BIRTH);
    assertThat(ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE.detectorTypes())
        .containsExactlyInAnyOrder(
            DetectorTypes.CREDIT_CARD,
            DetectorTypes.IBAN,
            DetectorTypes.US_SSN,
            DetectorTypes.MEDICAL_RECORD_NUMBER,
            DetectorTypes.PASSWORD,
            DetectorTypes.API_KEY,
            DetectorTypes.PRIVATE_KEY,
            DetectorTypes.JWT,
            DetectorTypes.AUTH_HEADER,
            DetectorTypes.URL_CREDENTIALS);
    assertThat(DetectorTiers.tierOf(DetectorTypes.MAC_ADDRESS))
        .contains(ClassificationTier.CUSTOMER_NON_SENSITIVE);
    assertThat(ClassificationTier.PUBLIC.detectorTypes()).isEmpty();
    assertThat(DetectorTiers.tierOf("EMPLOYEE_ID")).isEmpty();
  }
}
