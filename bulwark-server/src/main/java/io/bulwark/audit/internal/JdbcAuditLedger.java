package io.bulwark.audit.internal;

import io.bulwark.audit.AuditCheckpoint;
import io.bulwark.audit.AuditEntry;
import io.bulwark.audit.AuditEntryPage;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditInclusionProof;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditQuery;
import io.bulwark.audit.AuditReceipt;
import io.bulwark.audit.LedgerVerification;
import io.bulwark.audit.TreeSizeExceededException;
import io.bulwark.ledger.export.LedgerExportHeader;
import io.bulwark.ledger.export.LedgerExportWriter;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.ledger.merkle.MissingNodeException;
import io.bulwark.ledger.merkle.NodeId;
import io.bulwark.ledger.merkle.RangeVerification;
import io.bulwark.ledger.merkle.Rfc9162AppendResult;
import io.bulwark.ledger.merkle.Rfc9162Appender;
import io.bulwark.ledger.merkle.Rfc9162CompactRange;
import io.bulwark.ledger.merkle.Rfc9162ConsistencyProof;
import io.bulwark.ledger.merkle.Rfc9162Hasher;
import io.bulwark.ledger.merkle.Rfc9162ProofGenerator;
import io.bulwark.ledger.merkle.Sha256Hash;
import io.bulwark.ledger.note.SignedNote;
import io.bulwark.ledger.note.SignedNoteVerifierKey;
import io.bulwark.ledger.note.TlogCheckpoint;
import io.bulwark.ledger.note.TlogCheckpointSigner;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.tenancy.Tenants;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit ledger on PostgreSQL. Appends to a tenant's log are serialized by a transaction-scoped
 * advisory lock per log: read the head, append the batch's canonical entries to the frontier read
 * from the node store, insert entries and new nodes, move the head — one transaction, joined with
 * the caller's when there is one. Entries and nodes are never updated (grants and triggers refuse
 * it); only the head row moves forward.
 */
@Service
class JdbcAuditLedger implements AuditLedger {

  private static final Logger log = LoggerFactory.getLogger(JdbcAuditLedger.class);
  private static final int EXPORT_PAGE = 1000;
  private static final JsonMapper STRICT = Rfc8785Canonicalizer.strictMapper();
  private static final String ENTRY_COLUMNS =
      "tenant_id, idx, event_id, occurred_at, recorded_at, category, action, outcome, actor_type,"
          + " actor_id, resource_type, resource_id, correlation_id, break_glass, body, leaf_hash";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate transactions;
  private final TransactionTemplate snapshots;
  private final TransactionTemplate ownTransactions;
  private final Tenants tenants;
  private final CheckpointKeys keys;
  private final AuditHmacKeys hmacKeys;
  private final Duration checkpointInterval;
  private final String originBase;
  private final Clock clock = Clock.systemUTC();

  JdbcAuditLedger(
      JdbcClient jdbc,
      JdbcTemplate template,
      PlatformTransactionManager transactionManager,
      Tenants tenants,
      CheckpointKeys keys,
      AuditHmacKeys hmacKeys,
      @Value("${bulwark.audit.checkpoint-interval:10s}") Duration checkpointInterval,
      @Value("${bulwark.public-url:}") String publicUrl) {
    this.jdbc = jdbc;
    this.template = template;
    this.transactions = new TransactionTemplate(transactionManager);
    this.snapshots = new TransactionTemplate(transactionManager);
    this.snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshots.setReadOnly(true);
    this.ownTransactions = new TransactionTemplate(transactionManager);
    this.ownTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.tenants = tenants;
    this.keys = keys;
    this.hmacKeys = hmacKeys;
    this.checkpointInterval = checkpointInterval;
    this.originBase = originBase(publicUrl);
  }

  static String originBase(String publicUrl) {
    if (publicUrl.isBlank()) {
      return "bulwark.local";
    }
    URI uri = URI.create(publicUrl.strip());
    String host = uri.getHost() == null ? "bulwark.local" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return host + port + path;
  }

  // ---------------------------------------------------------------- appending

  @Override
  public List<AuditReceipt> append(TenantId tenant, List<AuditEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("an append needs at least one event");
    }
    List<PreparedEntry> batch = prepare(tenant, events);
    return inTenant(tenant, transactions, () -> appendLocked(tenant, List.of(batch)).getFirst());
  }

  /**
   * Turns events into entries ready to append: ids assigned, sensitive values replaced by their
   * HMACs, canonical bodies and leaf hashes computed. Needs no lock, so callers do it before taking
   * the log's lock; the tenant's HMAC key is read (or made) only when a value needs it, in the
   * caller's transaction when there is one, else in a short one of its own.
   *
   * @param tenant whose log
   * @param events 1 or more events, recorded now
   * @return the entries, in order
   */
  List<PreparedEntry> prepare(TenantId tenant, List<AuditEvent> events) {
    Instant recordedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Rfc9162Hasher hasher = Rfc9162Hasher.create();
    SensitiveFieldHasher sensitive =
        new SensitiveFieldHasher(() -> inTenant(tenant, transactions, () -> hmacKeys.key(tenant)));
    List<PreparedEntry> prepared = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      UUID id = event.id() != null ? event.id() : UuidV7.generate(clock);
      byte[] body = AuditEntryJson.canonical(event, id, recordedAt, sensitive);
      prepared.add(new PreparedEntry(id, event, recordedAt, body, hasher.leafHash(body)));
    }
    return prepared;
  }

  /**
   * Appends batches in one transaction of their own (group commit): as if appended one after the
   * other, so an id repeated in a later batch is a duplicate of the earlier one.
   *
   * @param tenant whose log
   * @param batches prepared batches, each of 1 or more entries
   * @return the receipts of each batch, in order
   */
  List<List<AuditReceipt>> appendCommitted(TenantId tenant, List<List<PreparedEntry>> batches) {
    return inTenant(tenant, ownTransactions, () -> appendLocked(tenant, batches));
  }

  private List<List<AuditReceipt>> appendLocked(
      TenantId tenant, List<List<PreparedEntry>> batches) {
    Head head = lockedHead(tenant);
    PostgresNodeStore store = new PostgresNodeStore(jdbc, tenant, head.size());
    Rfc9162CompactRange frontier = Rfc9162CompactRange.read(store, head.size());
    if (!frontier.rootHash().equals(head.root())) {
      throw damaged(tenant);
    }
    if (batches.stream().flatMap(List::stream).noneMatch(entry -> entry.event().id() != null)) {
      // Ids the server assigned (UUIDv7) are new to the log: nothing to look up.
      return appendAssuming(tenant, head, store, frontier, batches, new HashMap<>(), false);
    }
    // Re-sent ids are rare: append as if none were known (after a savepoint, sent with the
    // writes), and let the unique index on event ids say otherwise. Only then look them up, and
    // append again without them.
    try {
      return appendAssuming(tenant, head, store, frontier, batches, new HashMap<>(), true);
    } catch (DuplicateKeyException resent) {
      jdbc.sql("rollback to savepoint audit_append").update();
      return appendAssuming(
          tenant, head, store, frontier, batches, existingIndexes(tenant, batches), false);
    }
  }

  /**
   * Appends the batches' entries whose ids are not in {@code existing}, in order, and answers the
   * others as duplicates.
   */
  private List<List<AuditReceipt>> appendAssuming(
      TenantId tenant,
      Head head,
      PostgresNodeStore store,
      Rfc9162CompactRange frontier,
      List<List<PreparedEntry>> batches,
      Map<UUID, Long> existing,
      boolean savepoint) {
    List<PreparedEntry> fresh = new ArrayList<>();
    List<List<AuditReceipt>> receipts = new ArrayList<>(batches.size());
    for (List<PreparedEntry> batch : batches) {
      List<AuditReceipt> batchReceipts = new ArrayList<>(batch.size());
      for (PreparedEntry entry : batch) {
        Long known = existing.get(entry.id());
        if (known != null) {
          batchReceipts.add(new AuditReceipt(entry.id(), known, true));
          continue;
        }
        long index = head.size() + fresh.size();
        fresh.add(entry);
        existing.put(entry.id(), index);
        batchReceipts.add(new AuditReceipt(entry.id(), index, false));
      }
      receipts.add(batchReceipts);
    }
    if (fresh.isEmpty()) {
      return receipts;
    }
    Rfc9162AppendResult appended =
        Rfc9162Appender.create()
            .appendLeafHashes(frontier, fresh.stream().map(PreparedEntry::leafHash).toList());
    // Every write of the append in one round trip.
    StatementBatch writes = new StatementBatch();
    if (savepoint) {
      writes.add("savepoint audit_append");
    }
    insertEntries(writes, tenant, head.size(), fresh);
    store.append(writes, head.size(), appended.nodes(), appended.treeSize());
    writes.add(
        "with head as (insert into audit_heads (tenant_id, size, root_hash, updated_at)"
            + " values (?, ?, ?, now()) on conflict (tenant_id) do update set"
            + " size = excluded.size, root_hash = excluded.root_hash,"
            + " updated_at = excluded.updated_at returning tenant_id)"
            + " insert into audit_pending_checkpoints (tenant_id, grew_at)"
            + " select tenant_id, clock_timestamp() from head"
            + " on conflict (tenant_id) do update set grew_at = excluded.grew_at",
        tenant.value(),
        appended.treeSize(),
        appended.rootHash().toByteArray());
    writes.execute(jdbc);
    return receipts;
  }

  /**
   * @return the logs that grew since they were last checkpointed, with when they last grew
   */
  Map<TenantId, java.time.Instant> pendingCheckpoints() {
    Map<TenantId, java.time.Instant> pending = new java.util.LinkedHashMap<>();
    jdbc.sql("select tenant_id, grew_at from audit_pending_checkpoints order by grew_at")
        .query(row -> {
          pending.put(
              new TenantId(row.getObject("tenant_id", UUID.class)),
              row.getTimestamp("grew_at").toInstant());
        });
    return pending;
  }

  /**
   * Forgets a pending checkpoint, unless the log grew again after {@code grewAt}.
   *
   * @param tenant the log
   * @param grewAt when it grew, as {@link #pendingCheckpoints()} said
   */
  void checkpointDone(TenantId tenant, java.time.Instant grewAt) {
    jdbc.sql("delete from audit_pending_checkpoints where tenant_id = ? and grew_at = ?")
        .params(tenant.value(), java.sql.Timestamp.from(grewAt))
        .update();
  }

  private Map<UUID, Long> existingIndexes(TenantId tenant, List<List<PreparedEntry>> batches) {
    Map<UUID, Long> existing = new HashMap<>();
    String[] ids =
        batches.stream()
            .flatMap(List::stream)
            .filter(entry -> entry.event().id() != null)
            .map(entry -> entry.id().toString())
            .distinct()
            .toArray(String[]::new);
    if (ids.length == 0) {
      return existing;
    }
    jdbc.sql(
            "select event_id, idx from audit_entries where tenant_id = ?"
                + " and event_id = any(?::uuid[])")
        .params(tenant.value(), ids)
        .query(rows -> {
          existing.put(rows.getObject(1, UUID.class), rows.getLong(2));
        });
    return existing;
  }

  /** All entries in one statement: one array per column, unnested server-side. */
  private static void insertEntries(
      StatementBatch writes, TenantId tenant, long firstIndex, List<PreparedEntry> entries) {
    int n = entries.size();
    String[] ids = new String[n];
    String[] occurred = new String[n];
    String[] recorded = new String[n];
    String[] categories = new String[n];
    String[] actions = new String[n];
    String[] outcomes = new String[n];
    String[] actorTypes = new String[n];
    @Nullable String[] actorIds = new String[n];
    @Nullable String[] resourceTypes = new String[n];
    @Nullable String[] resourceIds = new String[n];
    @Nullable String[] correlationIds = new String[n];
    boolean[] breakGlass = new boolean[n];
    byte[][] bodies = new byte[n][];
    byte[][] leafHashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      PreparedEntry entry = entries.get(i);
      AuditEvent event = entry.event();
      ids[i] = entry.id().toString();
      occurred[i] = event.occurredAt().toString();
      recorded[i] = entry.recordedAt().toString();
      categories[i] = event.category().wireName();
      actions[i] = event.action();
      outcomes[i] = event.outcome().wireName();
      actorTypes[i] = event.actor().type().wireName();
      actorIds[i] = event.actor().id();
      resourceTypes[i] = event.resource() == null ? null : event.resource().type();
      resourceIds[i] = event.resource() == null ? null : event.resource().id();
      correlationIds[i] = event.correlationId();
      breakGlass[i] = event.breakGlass();
      bodies[i] = entry.body();
      leafHashes[i] = entry.leafHash().toByteArray();
    }
    writes.add(
        "insert into audit_entries ("
            + ENTRY_COLUMNS
            + ") select ?, ? + e.ord - 1, e.event_id, e.occurred_at, e.recorded_at,"
            + " e.category, e.action, e.outcome, e.actor_type, e.actor_id, e.resource_type,"
            + " e.resource_id, e.correlation_id, e.break_glass, e.body, e.leaf_hash"
            + " from unnest(?::uuid[], ?::timestamptz[], ?::timestamptz[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::bool[], ?::bytea[], ?::bytea[]) with ordinality as e(event_id, occurred_at,"
            + " recorded_at, category, action, outcome, actor_type, actor_id, resource_type,"
            + " resource_id, correlation_id, break_glass, body, leaf_hash, ord)",
        tenant.value(),
        firstIndex,
        ids,
        occurred,
        recorded,
        categories,
        actions,
        outcomes,
        actorTypes,
        actorIds,
        resourceTypes,
        resourceIds,
        correlationIds,
        breakGlass,
        bodies,
        leafHashes);
  }

  // ---------------------------------------------------------------- reading

  @Override
  public long size(TenantId tenant) {
    return inTenant(tenant, transactions, () -> head(tenant).size());
  }

  @Override
  public Optional<AuditEntry> entry(TenantId tenant, long index) {
    return inTenant(
        tenant,
        transactions,
        () ->
            jdbc.sql(
                    "select idx, body, case when body is null then leaf_hash end"
                        + " from audit_entries where tenant_id = ? and idx = ?")
                .params(tenant.value(), index)
                .query((row, n) -> {
                  if (row.getBytes(2) == null) {
                    throw pruned(row.getLong(1), row.getBytes(3));
                  }
                  return entryOf(row, n);
                })
                .optional());
  }

  private static ApiProblem pruned(long index, byte @Nullable [] leafHash) {
    Map<String, Object> members = new HashMap<>();
    members.put("index", index);
    if (leafHash != null) {
      members.put("leaf_hash", Sha256Hash.of(leafHash).toBase64());
    }
    return new ApiProblem(
        ProblemType.AUDIT_ENTRY_PRUNED,
        "The entry's retention ran out and its body was pruned; its leaf hash and inclusion proof"
            + " remain",
        members);
  }

  @Override
  public AuditEntryPage query(TenantId tenant, AuditQuery query) {
    StringBuilder sql =
        new StringBuilder(
            "select idx, body from audit_entries where tenant_id = ? and body is not null");
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    if (query.occurredFrom() != null) {
      sql.append(" and occurred_at >= ?");
      params.add(query.occurredFrom().atOffset(ZoneOffset.UTC));
    }
    if (query.occurredTo() != null) {
      sql.append(" and occurred_at < ?");
      params.add(query.occurredTo().atOffset(ZoneOffset.UTC));
    }
    filter(sql, params, "category", query.category() == null ? null : query.category().wireName());
    filter(sql, params, "action", query.action());
    filter(sql, params, "actor_id", query.actorId());
    filter(sql, params, "resource_type", query.resourceType());
    filter(sql, params, "resource_id", query.resourceId());
    if (query.outcome() != null) {
      // A literal from the enum, not a parameter: only then can a generic plan of the prepared
      // statement use the partial index of the rare outcomes (V18).
      sql.append(" and outcome = '").append(query.outcome().wireName()).append('\'');
    }
    filter(sql, params, "correlation_id", query.correlationId());
    if (query.breakGlass() != null) {
      sql.append(" and break_glass = ?");
      params.add(query.breakGlass());
    }
    if (query.hashedValue() != null) {
      // The quoted form matches a whole JSON string: the value itself, never a part of one.
      sql.append(" and position(? in body) > 0");
      params.add(("\"" + query.hashedValue() + "\"").getBytes(StandardCharsets.UTF_8));
    }
    if (query.before() != null) {
      sql.append(" and idx < ?");
      params.add(query.before());
    }
    sql.append(" order by idx desc limit ?");
    params.add(query.limit() + 1);
    List<AuditEntry> rows =
        inTenant(
            tenant,
            transactions,
            () -> jdbc.sql(sql.toString()).params(params).query(JdbcAuditLedger::entryOf).list());
    if (rows.size() <= query.limit()) {
      return new AuditEntryPage(rows, OptionalLong.empty());
    }
    List<AuditEntry> page = rows.subList(0, query.limit());
    return new AuditEntryPage(page, OptionalLong.of(page.getLast().index()));
  }

  private static void filter(
      StringBuilder sql, List<Object> params, String column, @Nullable String value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = ?");
      params.add(value);
    }
  }

  private static AuditEntry entryOf(ResultSet row, int rowNumber) throws SQLException {
    return new AuditEntry(row.getLong(1), new String(row.getBytes(2), StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- proofs

  @Override
  public AuditInclusionProof inclusionProof(TenantId tenant, long index, long treeSize) {
    return inTenant(
        tenant,
        transactions,
        () -> {
          requireWithin(tenant, treeSize);
          if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index must be below the tree size");
          }
          // The path's nodes and the proven leaf in one read.
          NodeId leaf = NodeId.leaf(index);
          List<NodeId> ids =
              new ArrayList<>(Rfc9162ProofGenerator.inclusionProofNodes(index, treeSize));
          ids.add(leaf);
          Map<NodeId, Sha256Hash> read = new PostgresNodeStore(jdbc, tenant, treeSize).readAll(ids);
          return new AuditInclusionProof(
              new Rfc9162ProofGenerator(wanted -> PostgresNodeStore.inOrder(wanted, read))
                  .inclusionProof(index, treeSize),
              PostgresNodeStore.inOrder(List.of(leaf), read).getFirst());
        });
  }

  @Override
  public Rfc9162ConsistencyProof consistencyProof(TenantId tenant, long from, long to) {
    return inTenant(
        tenant,
        transactions,
        () -> {
          requireWithin(tenant, to);
          if (from < 0 || from > to) {
            throw new IllegalArgumentException("from must be 0 to the second size");
          }
          return new Rfc9162ProofGenerator(new PostgresNodeStore(jdbc, tenant, to))
              .consistencyProof(from, to);
        });
  }

  private void requireWithin(TenantId tenant, long treeSize) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("the tree size must not be negative");
    }
    long size = head(tenant).size();
    if (treeSize > size) {
      throw new TreeSizeExceededException(size);
    }
  }

  // ---------------------------------------------------------------- checkpoints

  @Override
  public AuditCheckpoint checkpoint(TenantId tenant) {
    record State(long size, Optional<AuditCheckpoint> latest) {}
    State state =
        inTenant(
            tenant, transactions, () -> new State(head(tenant).size(), latestCheckpoint(tenant)));
    Optional<AuditCheckpoint> latest = state.latest();
    if (latest.isPresent()
        && (latest.get().treeSize() >= state.size()
            || latest.get().createdAt().plus(checkpointInterval).isAfter(clock.instant()))) {
      return latest.get();
    }
    return checkpointNow(tenant);
  }

  @Override
  public AuditCheckpoint checkpointNow(TenantId tenant) {
    String origin = origin(tenant);
    return inTenant(
        tenant,
        transactions,
        () -> {
          Head head = head(tenant);
          Optional<AuditCheckpoint> latest = latestCheckpoint(tenant);
          if (latest.isPresent() && latest.get().treeSize() >= head.size()) {
            return latest.get();
          }
          head = lockedHead(tenant);
          latest = latestCheckpoint(tenant);
          if (latest.isPresent() && latest.get().treeSize() >= head.size()) {
            return latest.get();
          }
          Sha256Hash root =
              Rfc9162CompactRange.read(
                      new PostgresNodeStore(jdbc, tenant, head.size()), head.size())
                  .rootHash();
          if (!root.equals(head.root())) {
            throw damaged(tenant);
          }
          String note =
              new TlogCheckpointSigner(keys.signers(tenant, origin))
                  .sign(new TlogCheckpoint(origin, head.size(), head.root()));
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          jdbc.sql(
                  "insert into audit_checkpoints (tenant_id, tree_size, root_hash, note,"
                      + " created_at) values (?, ?, ?, ?, ?)")
              .params(
                  tenant.value(),
                  head.size(),
                  head.root().toByteArray(),
                  note,
                  now.atOffset(ZoneOffset.UTC))
              .update();
          return new AuditCheckpoint(head.size(), head.root(), note, now);
        });
  }

  /**
   * @param tenant a tenant
   * @return whether its log holds entries that no checkpoint covers yet
   */
  boolean needsCheckpoint(TenantId tenant) {
    return Boolean.TRUE.equals(
        inTenant(
            tenant,
            transactions,
            () ->
                jdbc.sql(
                        "select exists (select 1 from audit_heads h where h.tenant_id = ?"
                            + " and h.size > coalesce((select max(c.tree_size) from"
                            + " audit_checkpoints c where c.tenant_id = h.tenant_id), -1))")
                    .param(tenant.value())
                    .query(Boolean.class)
                    .single()));
  }

  @Override
  public List<String> verifierKeys(TenantId tenant) {
    return inTenant(tenant, transactions, () -> keys.verifierKeys(tenant));
  }

  private Optional<AuditCheckpoint> latestCheckpoint(TenantId tenant) {
    return jdbc.sql(
            "select tree_size, root_hash, note, created_at from audit_checkpoints"
                + " where tenant_id = ? order by tree_size desc limit 1")
        .param(tenant.value())
        .query((row, n) ->
            new AuditCheckpoint(
                row.getLong(1),
                Sha256Hash.of(row.getBytes(2)),
                row.getString(3),
                row.getObject(4, OffsetDateTime.class).toInstant()))
        .optional();
  }

  String origin(TenantId tenant) {
    String slug =
        tenants
            .find(tenant)
            .orElseThrow(() -> new IllegalStateException("No tenant " + tenant))
            .slug()
            .value();
    return originBase + "/t/" + slug + "/audit";
  }

  // ---------------------------------------------------------------- export

  @Override
  public void export(TenantId tenant, AuditCheckpoint checkpoint, long from, long to, Writer out) {
    if (from < 0 || from > to || to > checkpoint.treeSize()) {
      throw new IllegalArgumentException(
          "range [" + from + ", " + to + ") is not within the checkpoint");
    }
    String slug =
        tenants
            .find(tenant)
            .orElseThrow(() -> new IllegalStateException("No tenant " + tenant))
            .slug()
            .value();
    String origin = TlogCheckpoint.parse(SignedNote.parse(checkpoint.signedNote()).text()).origin();
    inTenant(
        tenant,
        snapshots,
        () -> {
          exportSnapshot(tenant, slug, origin, checkpoint, from, to, out);
          return Boolean.TRUE;
        });
  }

  private void exportSnapshot(
      TenantId tenant,
      String slug,
      String origin,
      AuditCheckpoint checkpoint,
      long from,
      long to,
      Writer out) {
    if (checkpoint.treeSize() > head(tenant).size()) {
      throw damaged(tenant);
    }
    PostgresNodeStore store = new PostgresNodeStore(jdbc, tenant, checkpoint.treeSize());
    List<SignedNoteVerifierKey> verifierKeys =
        keys.verifierKeys(tenant).stream().map(SignedNoteVerifierKey::parse).toList();
    LedgerExportHeader header =
        new LedgerExportHeader(
            origin,
            slug,
            checkpoint.signedNote(),
            verifierKeys,
            new Rfc9162ProofGenerator(store).rangeProof(from, to, checkpoint.treeSize()));
    // Not closed on failure: closing flushes, and an unflushed failure can still be answered with
    // a problem response instead of a truncated stream.
    LedgerExportWriter writer = LedgerExportWriter.start(out, header);
    long next = from;
    while (next < to) {
      List<ExportRow> page =
          jdbc.sql(
                  "select idx, body, leaf_hash from audit_entries"
                      + " where tenant_id = ? and idx >= ? and idx < ?"
                      + " order by idx limit ?")
              .params(tenant.value(), next, to, EXPORT_PAGE)
              .query((row, n) -> new ExportRow(row.getLong(1), row.getBytes(2), row.getBytes(3)))
              .list();
      if (page.isEmpty()) {
        throw damaged(tenant);
      }
      for (ExportRow row : page) {
        // A gap or a leaf without its stored hash cannot be exported faithfully: stop. Before the
        // buffer is first flushed this is a problem response; later, a truncated stream, which
        // offline verification reports at the missing index.
        if (row.index() != next || row.leafHash() == null) {
          throw damaged(tenant);
        }
        if (row.body() == null) {
          writer.writePrunedEntry(next, Sha256Hash.of(row.leafHash()));
        } else {
          writer.writeEntry(next, parsedBody(tenant, row.body()), Sha256Hash.of(row.leafHash()));
        }
        next++;
      }
    }
    writer.finish();
  }

  private static JsonNode parsedBody(TenantId tenant, byte[] body) {
    try {
      return STRICT.readTree(body);
    } catch (JacksonException e) {
      throw damaged(tenant);
    }
  }

  private record ExportRow(long index, byte @Nullable [] body, byte @Nullable [] leafHash) {
    @Override
    public String toString() {
      return "ExportRow[index=" + index + "]";
    }
  }

  // ---------------------------------------------------------------- verification

  @Override
  public LedgerVerification verify(TenantId tenant, @Nullable Long from, @Nullable Long to) {
    return inTenant(tenant, snapshots, () -> verifySnapshot(tenant, from, to));
  }

  private LedgerVerification verifySnapshot(
      TenantId tenant, @Nullable Long from, @Nullable Long to) {
    Head head = head(tenant);
    long begin = from == null ? 0 : from;
    long end = to == null ? head.size() : to;
    if (begin < 0) {
      throw new InvalidFieldException("from", "must not be negative");
    }
    if (end < 0 || end > head.size()) {
      throw new InvalidFieldException("to", "must be 0 to the tree size, " + head.size());
    }
    if (begin > end) {
      throw new InvalidFieldException("from", "must not be greater than 'to'");
    }
    PostgresNodeStore store = new PostgresNodeStore(jdbc, tenant, head.size());
    StreamedRangeVerifier verifier = new StreamedRangeVerifier(store, tenant, head.size());
    RangeVerification result =
        template.execute(
            (ConnectionCallback<RangeVerification>)
                connection -> verifier.verify(connection, begin, end, head.root()));
    Long firstBad = null;
    String reason = null;
    switch (Objects.requireNonNull(result)) {
      case RangeVerification.NodeMismatch mismatch -> {
        firstBad = mismatch.firstBadIndex();
        reason = mismatch.reason();
      }
      case RangeVerification.RootMismatch ignored ->
          reason = "the stored nodes around the range do not reproduce the tree head's root";
      case RangeVerification.Intact ignored -> {}
    }
    if (reason == null && end == head.size()) {
      Optional<Long> beyond =
          jdbc.sql(
                  "select idx from audit_entries where tenant_id = ? and idx >= ?"
                      + " order by idx limit 1")
              .params(tenant.value(), head.size())
              .query(Long.class)
              .optional();
      if (beyond.isPresent()) {
        firstBad = beyond.get();
        reason = "entry beyond the tree head was never appended to the log";
      }
    }
    if (reason == null) {
      reason = checkLatestCheckpoint(tenant, store, head);
    }
    return new LedgerVerification(
        reason == null, firstBad, begin, end, head.size(), reason, verifier.pruned());
  }

  private @Nullable String checkLatestCheckpoint(
      TenantId tenant, PostgresNodeStore store, Head head) {
    Optional<AuditCheckpoint> latest = latestCheckpoint(tenant);
    if (latest.isEmpty()) {
      return null;
    }
    if (latest.get().treeSize() > head.size()) {
      return "the tree head is behind the latest signed checkpoint";
    }
    try {
      Sha256Hash root = new Rfc9162ProofGenerator(store).rootHash(latest.get().treeSize());
      return root.equals(latest.get().rootHash())
          ? null
          : "the stored tree does not reproduce the latest signed checkpoint";
    } catch (MissingNodeException e) {
      return "the stored tree does not reproduce the latest signed checkpoint";
    }
  }

  // ---------------------------------------------------------------- plumbing

  private Head head(TenantId tenant) {
    return jdbc.sql("select size, root_hash from audit_heads where tenant_id = ?")
        .param(tenant.value())
        .query((row, n) -> new Head(row.getLong(1), Sha256Hash.of(row.getBytes(2))))
        .optional()
        .orElseGet(() -> new Head(0, Rfc9162Hasher.create().emptyRoot()));
  }

  void lock(TenantId tenant) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
        .param("audit_log:" + tenant)
        .query()
        .singleRow();
  }

  /**
   * Takes the log's advisory lock and reads its head in one round trip: the head is read by a
   * statement of its own, which starts after the lock is held, so it sees every append committed
   * before.
   *
   * <p>The rest of the append's transaction plans each statement for its own parameters. A
   * connection otherwise keeps the generic plan it made for a prepared statement while the log was
   * small, and in a log that grows from empty (a new deployment, a benchmark) that plan can read
   * the frontier through {@code audit_entries_action} — every entry of the tenant per append, 9.6
   * ms a commit after 29,000 entries, where its own plan probes the primary key in 0.05 ms.
   */
  private Head lockedHead(TenantId tenant) {
    return new StatementBatch()
        .add("set local plan_cache_mode = force_custom_plan")
        .add("select pg_advisory_xact_lock(hashtextextended(?, 0))", "audit_log:" + tenant)
        .add("select size, root_hash from audit_heads where tenant_id = ?", tenant.value())
        .query(
            template,
            rows ->
                rows.next()
                    ? new Head(rows.getLong(1), Sha256Hash.of(rows.getBytes(2)))
                    : new Head(0, Rfc9162Hasher.create().emptyRoot()));
  }

  /**
   * Runs work in a transaction bound to the tenant. A transaction already open (the publisher's,
   * for platform events) may be bound to another tenant or none: the binding is switched for the
   * work, transaction-locally, and switched back after it.
   */
  private <T> T inTenant(TenantId tenant, TransactionTemplate template, Supplier<T> work) {
    try {
      return bound(tenant, template, work);
    } catch (MissingNodeException e) {
      throw damaged(tenant);
    }
  }

  private static ApiProblem damaged(TenantId tenant) {
    log.atError()
        .setMessage("The audit log no longer matches its Merkle nodes; run verification")
        .addKeyValue("tenant_id", tenant.toString())
        .log();
    return new ApiProblem(
        ProblemType.AUDIT_LOG_DAMAGED,
        "The audit log no longer matches its own Merkle tree; POST …/audit/verify names the first"
            + " bad entry");
  }

  private <T> T bound(TenantId tenant, TransactionTemplate template, Supplier<T> work) {
    return TenantContext.callAs(
        tenant,
        () ->
            template.execute(status -> {
              if (status.isNewTransaction()) {
                return work.get();
              }
              String previous =
                  jdbc.sql("select coalesce(current_setting('bulwark.tenant_id', true), '')")
                      .query(String.class)
                      .single();
              if (previous.equals(tenant.toString())) {
                return work.get();
              }
              bind(tenant.toString());
              T result = work.get();
              bind(previous);
              return result;
            }));
  }

  private void bind(String tenant) {
    jdbc.sql("select set_config('bulwark.tenant_id', ?, true)").param(tenant).query().singleRow();
  }

  private record Head(long size, Sha256Hash root) {}

  /**
   * An event ready to append: its id, its stored body (the leaf data) and leaf hash.
   *
   * @param id the event's id, assigned when it had none
   * @param event the event
   * @param recordedAt its {@code recorded_at}
   * @param body the canonical entry
   * @param leafHash {@code SHA-256(0x00 || body)}
   */
  record PreparedEntry(
      UUID id, AuditEvent event, Instant recordedAt, byte[] body, Sha256Hash leafHash) {
    @Override
    public String toString() {
      return "PreparedEntry[id=" + id + "]";
    }
  }
}
