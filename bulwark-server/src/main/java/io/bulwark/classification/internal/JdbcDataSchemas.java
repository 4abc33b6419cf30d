package io.bulwark.classification.internal;

import io.bulwark.classification.ClassificationTier;
import io.bulwark.classification.DataSchema;
import io.bulwark.classification.DataSchemaDefinition;
import io.bulwark.classification.DataSchemaPage;
import io.bulwark.classification.DataSchemas;
import io.bulwark.classification.SchemaField;
import io.bulwark.classification.SchemaName;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.ProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data schemas in PostgreSQL ({@code data_schemas}, under row-level security). Every statement runs
 * bound to the owning tenant and filters by its id as well.
 */
@Service
final class JdbcDataSchemas implements DataSchemas {

  private static final String COLUMNS =
      "name, description, version, fields, created_at, updated_at";
  private static final TypeReference<List<StoredField>> FIELDS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Clock clock = Clock.systemUTC();

  JdbcDataSchemas(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  @Override
  public DataSchema register(TenantId tenant, DataSchemaDefinition definition) {
    Instant now = clock.instant();
    try {
      TenantContext.runAs(
          tenant,
          () ->
              jdbc.sql(
                      "insert into data_schemas (tenant_id, name, description, version, fields,"
                          + " created_at, updated_at) values (?, ?, ?, 1, ?::jsonb, ?, ?)")
                  .params(
                      tenant.value(),
                      definition.name().value(),
                      definition.description(),
                      fieldsJson(definition.fields()),
                      Timestamp.from(now),
                      Timestamp.from(now))
                  .update());
    } catch (DuplicateKeyException e) {
      throw new ApiProblem(
          ProblemType.ALREADY_EXISTS,
          "A data schema named '" + definition.name() + "' already exists",
          Map.of("field", "name"));
    }
    return new DataSchema(
        definition.name(), definition.description(), definition.fields(), 1, now, now);
  }

  @Override
  public Optional<DataSchema> find(TenantId tenant, SchemaName name) {
    return TenantContext.callAs(
        tenant,
        () ->
            jdbc.sql("select " + COLUMNS + " from data_schemas where tenant_id = ? and name = ?")
                .params(tenant.value(), name.value())
                .query(this::map)
                .optional());
  }

  @Override
  public DataSchemaPage list(TenantId tenant, @Nullable SchemaName after, int limit) {
    if (limit < 1 || limit > 200) {
      throw new IllegalArgumentException("limit must be 1 to 200, was " + limit);
    }
    List<DataSchema> rows =
        TenantContext.callAs(
            tenant,
            () ->
                jdbc.sql(
                        "select "
                            + COLUMNS
                            + " from data_schemas where tenant_id = ? and name > ?"
                            + " order by name limit ?")
                    .params(tenant.value(), after == null ? "" : after.value(), limit + 1)
                    .query(this::map)
                    .list());
    if (rows.size() <= limit) {
      return new DataSchemaPage(rows, Optional.empty());
    }
    List<DataSchema> page = rows.subList(0, limit);
    return new DataSchemaPage(page, Optional.of(page.getLast().name()));
  }

  @Override
  public DataSchema replace(TenantId tenant, DataSchemaDefinition definition) {
    Instant now = clock.instant();
    DataSchema replaced =
        TenantContext.callAs(
            tenant,
            () ->
                transactions.execute(status -> {
                  DataSchema current =
                      jdbc.sql(
                              "select "
                                  + COLUMNS
                                  + " from data_schemas where tenant_id = ? and name = ?"
                                  + " for update")
                          .params(tenant.value(), definition.name().value())
                          .query(this::map)
                          .optional()
                          .orElseThrow(() -> notFound(definition.name()));
                  int version = current.version() + 1;
                  jdbc.sql(
                          "update data_schemas set description = ?, version = ?,"
                              + " fields = ?::jsonb, updated_at = ? where tenant_id = ? and name = ?")
                      .params(
                          definition.description(),
                          version,
                          fieldsJson(definition.fields()),
                          Timestamp.from(now),
                          tenant.value(),
                          definition.name().value())
                      .update();
                  return new DataSchema(
                      definition.name(),
                      definition.description(),
                      definition.fields(),
                      version,
                      current.createdAt(),
                      now);
                }));
    if (replaced == null) {
      throw new IllegalStateException("The replacement transaction returned nothing");
    }
    return replaced;
  }

  @Override
  public boolean delete(TenantId tenant, SchemaName name) {
    return TenantContext.callAs(
            tenant,
            () ->
                jdbc.sql("delete from data_schemas where tenant_id = ? and name = ?")
                    .params(tenant.value(), name.value())
                    .update())
        > 0;
  }

  static ApiProblem notFound(SchemaName name) {
    return new ApiProblem(ProblemType.NOT_FOUND, "No data schema named '" + name + "'");
  }

  private String fieldsJson(List<SchemaField> fields) {
    return json.writeValueAsString(
        fields.stream().map(f -> new StoredField(f.path(), f.tier().apiName())).toList());
  }

  private DataSchema map(ResultSet row, int rowNumber) throws SQLException {
    List<SchemaField> fields =
        json.readValue(row.getString("fields"), FIELDS).stream()
            .map(f -> new SchemaField(f.path(), ClassificationTier.parse(f.tier())))
            .toList();
    return new DataSchema(
        new SchemaName(row.getString("name")),
        row.getString("description"),
        fields,
        row.getInt("version"),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }

  record StoredField(String path, String tier) {}
}
