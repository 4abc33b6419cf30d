package io.bulwark.classification.web;

import io.bulwark.classification.ClassificationTier;
import io.bulwark.classification.HandlingRules;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The classification tiers and their handling rules, for any authenticated caller. */
@RestController
class ClassificationTierController {

  private static final TierListResponse TIERS =
      new TierListResponse(
          Arrays.stream(ClassificationTier.values()).map(TierResponse::of).toList());

  @GetMapping(path = "/api/v1/classification/tiers", produces = MediaType.APPLICATION_JSON_VALUE)
  TierListResponse tiers() {
    return TIERS;
  }

  record TierListResponse(List<TierResponse> items) {}

  record TierResponse(
      String tier,
      int level,
      String title,
      String description,
      List<String> examples,
      RulesResponse rules,
      List<String> detectorTypes) {

    static TierResponse of(ClassificationTier tier) {
      return new TierResponse(
          tier.apiName(),
          tier.ordinal(),
          tier.title(),
          tier.description(),
          tier.examples(),
          RulesResponse.of(tier.rules()),
          tier.detectorTypes());
    }
  }

  record RulesResponse(
      String encryptionAtRest,
      String logRedaction,
      String accessControl,
      String audit,
      boolean justificationRequired,
      boolean breakGlassOutsideRole,
      @Nullable String defaultRetention) {

    static RulesResponse of(HandlingRules rules) {
      return new RulesResponse(
          api(rules.encryptionAtRest()),
          api(rules.logRedaction()),
          api(rules.accessControl()),
          api(rules.audit()),
          rules.justificationRequired(),
          rules.breakGlassOutsideRole(),
          rules.defaultRetention() == null ? null : rules.defaultRetention().toString());
    }

    private static String api(Enum<?> value) {
      return value.name().toLowerCase(Locale.ROOT);
    }
  }
}
