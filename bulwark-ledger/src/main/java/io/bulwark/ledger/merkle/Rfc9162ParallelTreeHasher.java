package io.bulwark.ledger.merkle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes the head of a whole tree from its leaves as they stream in (full verification),
 * hashing aligned blocks of {@value #BLOCK_LEAVES} leaves on the calling thread and a small pool
 * and folding their roots in order. Memory is bounded by the blocks in flight, never the tree.
 *
 * <p>Close it to stop its threads. One {@link #compute} at a time.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1">RFC 9162 §2.1.1</a>
 */
public final class Rfc9162ParallelTreeHasher implements AutoCloseable {

  /** Leaves per block handed to a worker; a block is a perfect subtree. */
  public static final int BLOCK_LEAVES = 1 << 12;

  private static final int BLOCK_LEVEL = 12;

  private final @Nullable ExecutorService pool;
  private final int maxInFlight;

  private Rfc9162ParallelTreeHasher(int threads) {
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                task -> {
                  Thread thread = new Thread(task, "rfc9162-tree-hasher");
                  thread.setDaemon(true);
                  return thread;
                });
    this.maxInFlight = 2 * threads;
  }

  /**
   * A hasher using {@code threads} threads in all: the calling thread hashes blocks too, next to
   * {@code threads - 1} workers.
   */
  public static Rfc9162ParallelTreeHasher create(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("need at least one thread, got " + threads);
    }
    return new Rfc9162ParallelTreeHasher(threads);
  }

  /**
   * Hashes every leaf (its data, e.g. RFC 8785 canonical JSON) of a tree starting at index 0.
   *
   * @return the frontier of the tree, whose {@link Rfc9162CompactRange#rootHash()} is its head
   */
  public Rfc9162CompactRange compute(Iterator<byte[]> leafData) {
    Rfc9162TreeBuilder tree = Rfc9162TreeBuilder.create();
    ArrayDeque<Future<Sha256Hash>> inFlight = new ArrayDeque<>(2 * maxInFlight + 1);
    List<byte[]> block = new ArrayList<>(BLOCK_LEAVES);
    while (leafData.hasNext()) {
      block.add(leafData.next());
      if (block.size() == BLOCK_LEAVES) {
        List<byte[]> full = block;
        if (pool != null && inFlight.size() < maxInFlight) {
          inFlight.add(pool.submit(() -> blockRoot(full)));
        } else {
          // Caller runs: hashing beats waiting while the workers are busy.
          inFlight.add(CompletableFuture.completedFuture(blockRoot(full)));
        }
        block = new ArrayList<>(BLOCK_LEAVES);
        while (!inFlight.isEmpty()
            && (inFlight.peek().isDone() || inFlight.size() >= 2 * maxInFlight)) {
          tree.appendSubtree(BLOCK_LEVEL, await(inFlight.poll()));
        }
      }
    }
    while (!inFlight.isEmpty()) {
      tree.appendSubtree(BLOCK_LEVEL, await(inFlight.poll()));
    }
    block.forEach(tree::appendLeaf);
    return tree.compactRange();
  }

  private static Sha256Hash blockRoot(List<byte[]> block) {
    Rfc9162TreeBuilder subtree = Rfc9162TreeBuilder.create();
    block.forEach(subtree::appendLeaf);
    return subtree.rootHash();
  }

  private static Sha256Hash await(Future<Sha256Hash> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hashing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("hashing a block failed", e.getCause());
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
