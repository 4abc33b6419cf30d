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

  /** Inserts nodes in one statement: one array per column, unnested server-side. */
  void insert(List<MerkleNode> nodes) {
    int[] levels = new int[nodes.size()];
    long[] indexes = new long[nodes.size()];
    byte[][] hashes = new byte[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      MerkleNode node = nodes.get(i);
      levels[i] = node.id().level();
      indexes[i] = node.id().index();
      hashes[i] = node.hash().toByteArray();
    }
    jdbc.sql(
            "insert into audit_nodes (tenant_id, level, idx, hash)"
                + " select ?, n.level, n.idx, n.hash"
                + " from unnest(?::int2[], ?::int8[], ?::bytea[]) as n(level, idx, hash)")
        .params(tenant.value(), levels, indexes, hashes)
        .update();
  }
}
