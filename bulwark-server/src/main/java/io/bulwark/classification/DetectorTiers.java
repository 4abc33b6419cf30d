package io.bulwark.classification;

import io.bulwark.redact.DetectorTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classification tier of each redaction detector type of {@code bulwark-redact}: what a value
 * found by that detector is, so logs, redaction responses and reports can treat it by its tier.
 *
 * <p>{@code MAC_ADDRESS} is {@link ClassificationTier#CUSTOMER_NON_SENSITIVE}: a device identifier
 * from a customer's network, not a person's identity on its own, but still redacted from logs by
 * that tier's PII redaction. A record field that ties a MAC address to a person should be
 * classified {@code customer_sensitive} in its data schema (GDPR Recital 30, online identifiers).
 */
public final class DetectorTiers {

  private static final Map<String, ClassificationTier> TIERS =
      Map.ofEntries(
          Map.entry(DetectorTypes.EMAIL, ClassificationTier.CUSTOMER_SENSITIVE),
          Map.entry(DetectorTypes.PHONE, ClassificationTier.CUSTOMER_SENSITIVE),
          Map.entry(DetectorTypes.IP_ADDRESS, ClassificationTier.CUSTOMER_SENSITIVE),
          Map.entry(DetectorTypes.DATE_OF_BIRTH, ClassificationTier.CUSTOMER_SENSITIVE),
          Map.entry(DetectorTypes.MAC_ADDRESS, ClassificationTier.CUSTOMER_NON_SENSITIVE),
          Map.entry(DetectorTypes.CREDIT_CARD, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.IBAN, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.US_SSN, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(
              DetectorTypes.MEDICAL_RECORD_NUMBER, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.PASSWORD, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.API_KEY, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.PRIVATE_KEY, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.JWT, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.AUTH_HEADER, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE),
          Map.entry(DetectorTypes.URL_CREDENTIALS, ClassificationTier.CUSTOMER_HIGHLY_SENSITIVE));

  private DetectorTiers() {}

  /**
   * @param detectorType a detector type name, such as {@code EMAIL}
   * @return its tier, or empty for a type this platform does not know (a custom detector's)
   */
  public static Optional<ClassificationTier> tierOf(String detectorType) {
    return Optional.ofNullable(TIERS.get(detectorType));
  }

  /**
   * @param tier a tier
   * @return the built-in detector types of that tier, in {@link DetectorTypes#ALL} order
   */
  public static List<String> detectorTypesOf(ClassificationTier tier) {
    return DetectorTypes.ALL.stream().filter(type -> TIERS.get(type) == tier).toList();
  }
}
