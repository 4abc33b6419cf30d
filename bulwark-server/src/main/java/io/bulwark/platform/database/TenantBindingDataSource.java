package io.bulwark.platform.database;

import io.bulwark.platform.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out runtime connections bound to the current thread's tenant: each checkout sets {@code
 * bulwark.tenant_id} to the bound tenant, or to nothing, in which case row-level security shows no
 * tenant-owned row at all. A transaction holds one connection from begin to end, so the binding is
 * per transaction; a pooled connection never carries the previous user's tenant.
 */
final class TenantBindingDataSource extends DelegatingDataSource implements AutoCloseable {

  private static final String BIND = "select set_config('bulwark.tenant_id', ?, false)";

  TenantBindingDataSource(DataSource pool) {
    super(pool);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return bind(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return bind(super.getConnection(username, password));
  }

  @Override
  public void close() throws Exception {
    if (getTargetDataSource() instanceof AutoCloseable pool) {
      pool.close();
    }
  }

  private static Connection bind(Connection connection) throws SQLException {
    String tenant = TenantContext.current().map(Object::toString).orElse("");
    try (PreparedStatement statement = connection.prepareStatement(BIND)) {
      statement.setString(1, tenant);
      statement.execute();
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
