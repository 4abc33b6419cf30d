package io.bulwark.config.internal;

import io.bulwark.audit.AuditCaller;
import io.bulwark.config.ConfigChangePage;
import io.bulwark.config.ConfigKey;
import io.bulwark.config.ConfigPage;
import io.bulwark.config.Setting;
import io.bulwark.config.SettingDefinition;
import io.bulwark.config.TenantSettings;
import io.bulwark.config.internal.ConfigDocuments.Kind;
import io.bulwark.config.internal.ConfigDocuments.Page;
import io.bulwark.config.internal.ConfigDocuments.Stored;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/** Settings as {@link ConfigDocuments} of kind {@code setting}. */
@Service
class JdbcTenantSettings implements TenantSettings {

  private final ConfigDocuments documents;

  JdbcTenantSettings(ConfigDocuments documents) {
    this.documents = documents;
  }

  @Override
  public Setting put(
      TenantId tenant,
      ConfigKey key,
      SettingDefinition definition,
      @Nullable Integer expectedVersion,
      AuditCaller caller) {
    ObjectNode next = definition.toDocument();
    Stored stored =
        documents.put(
            tenant,
            Kind.SETTING,
            key,
            current -> {
              if (current != null && !current.path("type").equals(next.path("type"))) {
                throw new ApiProblem(
                    ProblemType.INVALID_STATE,
                    "The setting is of type "
                        + current.path("type").asString()
                        + "; a type cannot change (delete the setting and create it anew)");
              }
              return next;
            },
            expectedVersion,
            caller);
    return setting(stored);
  }

  @Override
  public Optional<Setting> find(TenantId tenant, ConfigKey key) {
    return documents.find(tenant, Kind.SETTING, key).map(JdbcTenantSettings::setting);
  }

  @Override
  public void delete(
      TenantId tenant, ConfigKey key, @Nullable Integer expectedVersion, AuditCaller caller) {
    documents.delete(tenant, Kind.SETTING, key, expectedVersion, caller);
  }

  @Override
  public ConfigPage<Setting> list(
      TenantId tenant, String prefix, @Nullable String after, int limit) {
    Page page = documents.list(tenant, Kind.SETTING, prefix, after, limit);
    return new ConfigPage<>(
        page.items().stream().map(JdbcTenantSettings::setting).toList(),
        page.nextPosition(),
        page.revision());
  }

  @Override
  public long revision(TenantId tenant) {
    return documents.revision(tenant, Kind.SETTING);
  }

  @Override
  public ConfigChangePage history(
      TenantId tenant, ConfigKey key, @Nullable Integer before, int limit) {
    return documents.history(tenant, Kind.SETTING, key, before, limit);
  }

  private static Setting setting(Stored stored) {
    return new Setting(
        stored.key(),
        SettingDefinition.fromStored(stored.document()),
        stored.version(),
        stored.updatedAt());
  }
}
