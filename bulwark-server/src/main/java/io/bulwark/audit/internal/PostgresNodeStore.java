package io.bulwark.audit.internal;

import io.bulwark.ledger.merkle.MerkleNode;
import io.bulwark.ledger.merkle.MissingNodeException;
import io.bulwark.ledger.merkle.NodeId;
import io.bulwark.ledger.merkle.NodeStore;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.platform.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant's Merkle nodes in {@code audit_nodes}, keyed by (tenant, level, index). Each {@link
 * #read} is one query, as the ledger library plans its reads. Use it inside a transaction bound to
 * the tenant.
 */
final class PostgresNodeStore implements NodeStore {

  private final JdbcClient jdbc;
  private final TenantId tenant;

  PostgresNodeStore(JdbcClient jdbc, TenantId tenant) {
    this.jdbc = jdbc;
    this.tenant = tenant;
  }

  @Override
  public List<Sha256Hash> read(List<NodeId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    long[] levels = new long[ids.size()];
    long[] indexes = new long[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      levels[i] = ids.get(i).level();
      indexes[i] = ids.get(i).index();
    }
    Map<NodeId, Sha256Hash> found = new HashMap<>(ids.size() * 2);
    jdbc.sql(
            "select n.level, n.idx, n.hash from audit_nodes n"
                + " join unnest(?::int8[], ?::int8[]) as wanted(level, idx)"
                + " on n.level = wanted.level and n.idx = wanted.idx"
                + " where n.tenant_id = ?")
        .params(levels, indexes, tenant.value())
        .query(rows -> {
          found.put(new NodeId(rows.getInt(1), rows.getLong(2)), Sha256Hash.of(rows.getBytes(3)));
        });
    List<Sha256Hash> hashes = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      Sha256Hash hash = found.get(id);
      if (hash == null) {
        throw new MissingNodeException(id);
      }
      hashes.add(hash);
    }
    return hashes;
  }

  void insert(JdbcTemplate template, List<MerkleNode> nodes) {
    template.batchUpdate(
        "insert into audit_nodes (tenant_id, level, idx, hash) values (?, ?, ?, ?)",
        nodes,
        1000,
        (statement, node) -> {
          statement.setObject(1, tenant.value());
          statement.setShort(2, (short) node.id().level());
          statement.setLong(3, node.id().index());
          statement.setBytes(4, node.hash().toByteArray());
        });
  }
}
