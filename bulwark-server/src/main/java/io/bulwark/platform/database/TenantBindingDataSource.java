package io.bulwark.platform.database;

import io.bulwark.platform.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out runtime connections bound to the current thread's tenant: each checkout sets {@code
 * bulwark.tenant_id} to the bound tenant, or to nothing, in which case row-level security shows no
 * tenant-owned row at all. A transaction holds one connection from begin to end, so the binding is
 * per transaction; a pooled connection never carries the previous user's tenant.
 *
 * <p>The setting is per session. Which tenant each physical connection was last bound to is
 * remembered, so a checkout for the tenant the connection already carries costs no round trip (a
 * busy tenant's requests mostly find their own connections); any other checkout binds again. The
 * bind runs before a transaction begins (autocommit), so no rollback can undo it.
 */
final class TenantBindingDataSource extends DelegatingDataSource implements AutoCloseable {

  private static final String BIND = "select set_config('bulwark.tenant_id', ?, false)";

  private final Map<Connection, String> boundTenants =
      Collections.synchronizedMap(new WeakHashMap<>());

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

  private Connection bind(Connection connection) throws SQLException {
    String tenant = TenantContext.current().map(Object::toString).orElse("");
    Connection physical = null;
    try {
      // The pool hands out a new proxy per checkout; the session belongs to the driver's
      // connection.
      physical = connection.unwrap(Connection.class);
      if (tenant.equals(boundTenants.get(physical))) {
        return connection;
      }
      boundTenants.remove(physical);
      try (PreparedStatement statement = connection.prepareStatement(BIND)) {
        statement.setString(1, tenant);
        statement.execute();
      }
      boundTenants.put(physical, tenant);
      return connection;
    } catch (SQLException | RuntimeException e) {
      if (physical != null) {
        boundTenants.remove(physical);
      }
      connection.close();
      throw e;
    }
  }
}
