package io.bulwark.config.internal;

import io.bulwark.audit.AuditCaller;
import io.bulwark.config.ConfigChangePage;
import io.bulwark.config.ConfigKey;
import io.bulwark.config.ConfigPage;
import io.bulwark.config.EvaluationContext;
import io.bulwark.config.FeatureFlag;
import io.bulwark.config.FeatureFlags;
import io.bulwark.config.FlagDefinition;
import io.bulwark.config.FlagEvaluation;
import io.bulwark.config.FlagEvaluator;
import io.bulwark.config.internal.ConfigDocuments.Kind;
import io.bulwark.config.internal.ConfigDocuments.Page;
import io.bulwark.config.internal.ConfigDocuments.Stored;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Feature flags as {@link ConfigDocuments} of kind {@code flag}. */
@Service
class JdbcFeatureFlags implements FeatureFlags {

  private static final int EVALUATION_PAGE = 500;

  private final ConfigDocuments documents;

  JdbcFeatureFlags(ConfigDocuments documents) {
    this.documents = documents;
  }

  @Override
  public FeatureFlag put(
      TenantId tenant,
      ConfigKey key,
      FlagDefinition definition,
      @Nullable Integer expectedVersion,
      AuditCaller caller) {
    Stored stored =
        documents.put(
            tenant,
            Kind.FLAG,
            key,
            current -> {
              if (current != null
                  && !current.path("type").asString().equals(definition.type().apiName())) {
                throw new ApiProblem(
                    ProblemType.INVALID_STATE,
                    "The flag is of type "
                        + current.path("type").asString()
                        + "; a type cannot change (delete the flag and create it anew)");
              }
              if (definition.salt() != null) {
                return definition.toDocument();
              }
              String kept = current == null ? null : current.path("salt").stringValue(null);
              return definition
                  .withSalt(kept == null ? FlagDefinition.newSalt() : kept)
                  .toDocument();
            },
            expectedVersion,
            caller);
    return flag(stored);
  }

  @Override
  public Optional<FeatureFlag> find(TenantId tenant, ConfigKey key) {
    return documents.find(tenant, Kind.FLAG, key).map(JdbcFeatureFlags::flag);
  }

  @Override
  public void delete(
      TenantId tenant, ConfigKey key, @Nullable Integer expectedVersion, AuditCaller caller) {
    documents.delete(tenant, Kind.FLAG, key, expectedVersion, caller);
  }

  @Override
  public ConfigPage<FeatureFlag> list(
      TenantId tenant, String prefix, @Nullable String after, int limit) {
    Page page = documents.list(tenant, Kind.FLAG, prefix, after, limit);
    return new ConfigPage<>(
        page.items().stream().map(JdbcFeatureFlags::flag).toList(),
        page.nextPosition(),
        page.revision());
  }

  @Override
  public long revision(TenantId tenant) {
    return documents.revision(tenant, Kind.FLAG);
  }

  @Override
  public ConfigChangePage history(
      TenantId tenant, ConfigKey key, @Nullable Integer before, int limit) {
    return documents.history(tenant, Kind.FLAG, key, before, limit);
  }

  @Override
  public ConfigPage<FlagEvaluation> evaluateAll(TenantId tenant, EvaluationContext context) {
    List<FlagEvaluation> evaluations = new ArrayList<>();
    String after = null;
    long revision = -1;
    do {
      Page page = documents.list(tenant, Kind.FLAG, "", after, EVALUATION_PAGE);
      if (revision < 0) {
        revision = page.revision();
      }
      for (Stored stored : page.items()) {
        evaluations.add(FlagEvaluator.evaluate(flag(stored), context));
      }
      after = page.nextPosition();
    } while (after != null);
    return new ConfigPage<>(evaluations, null, revision);
  }

  private static FeatureFlag flag(Stored stored) {
    return new FeatureFlag(
        stored.key(),
        FlagDefinition.fromStored(stored.document()),
        stored.version(),
        stored.updatedAt());
  }
}
