package io.bulwark.audit.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Statements sent to PostgreSQL in one round trip: pgjdbc sends every statement of a
 * semicolon-separated query before it waits for an answer, and the server runs them in order, each
 * with a snapshot of its own (so a read after {@code pg_advisory_xact_lock} sees what the lock's
 * previous holder committed). The first failing statement fails the whole call and the ones after
 * it do not run. Inside a transaction, the statements are part of it; exceptions are translated
 * like every other {@link JdbcTemplate} call (a unique violation is a {@code
 * DuplicateKeyException}).
 *
 * <p>An append is one such call for the lock and the tree head, one to read the frontier, and one
 * for all of its writes, instead of a round trip per statement: on a shared machine each round trip
 * is two wake-ups (the server thread's and the backend's), which is what a single-event commit
 * mostly waits for.
 */
final class StatementBatch {

  private final StringBuilder sql = new StringBuilder();
  private final List<@Nullable Object> parameters = new ArrayList<>();
  private int statements;

  /**
   * Adds a statement.
   *
   * @param statement one SQL statement with {@code ?} placeholders, no trailing semicolon
   * @param values its parameters, in order
   * @return this batch
   */
  StatementBatch add(String statement, @Nullable Object... values) {
    if (!sql.isEmpty()) {
      sql.append(";\n");
    }
    sql.append(statement);
    statements++;
    parameters.addAll(java.util.Arrays.asList(values));
    return this;
  }

  boolean isEmpty() {
    return sql.isEmpty();
  }

  /**
   * Runs every statement, none of which may return rows; the first failure is thrown.
   *
   * @param jdbc the client (inside the caller's transaction)
   */
  void execute(JdbcClient jdbc) {
    if (isEmpty()) {
      return;
    }
    jdbc.sql(sql.toString()).params(parameters).update();
  }

  /**
   * Runs every statement and reads the rows of the last one, which must be a query. (Through a
   * {@link JdbcTemplate}: a {@link JdbcClient} query refuses more than one result.)
   *
   * @param jdbc the template (inside the caller's transaction)
   * @param extractor reads the last statement's rows
   * @return what the extractor made of them
   */
  <T> T query(JdbcTemplate jdbc, ResultSetExtractor<T> extractor) {
    T result =
        jdbc.execute(
            sql.toString(),
            (PreparedStatement statement) -> {
              bind(statement);
              statement.execute();
              // pgjdbc keeps one result per statement, in order.
              for (int i = 1; i < statements; i++) {
                statement.getMoreResults();
              }
              try (ResultSet rows = statement.getResultSet()) {
                if (rows == null) {
                  throw new IllegalStateException("the last statement of the batch is no query");
                }
                return extractor.extractData(rows);
              }
            });
    if (result == null) {
      throw new IllegalStateException("the extractor returned nothing");
    }
    return result;
  }

  private void bind(PreparedStatement statement) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      StatementCreatorUtils.setParameterValue(
          statement, i + 1, SqlTypeValue.TYPE_UNKNOWN, parameters.get(i));
    }
  }

  @Override
  public String toString() {
    return "StatementBatch[parameters=" + parameters.size() + "]";
  }
}
