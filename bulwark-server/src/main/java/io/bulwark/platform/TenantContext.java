package io.bulwark.platform;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The tenant that the current thread works for. Database connections taken while a tenant is bound
 * carry it to PostgreSQL ({@code bulwark.tenant_id}), where row-level security admits only that
 * tenant's rows; with no tenant bound, tenant-owned tables show no rows at all.
 */
public final class TenantContext {

  private static final ThreadLocal<@Nullable TenantId> CURRENT = new ThreadLocal<>();

  private TenantContext() {}

  /**
   * @return the tenant bound to this thread, if any
   */
  public static Optional<TenantId> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * Runs work bound to a tenant, restoring the previous binding afterwards.
   *
   * @param tenant the tenant to bind
   * @param work what to run
   * @return what the work returns
   * @param <T> the result type
   */
  public static <T> T callAs(TenantId tenant, Supplier<T> work) {
    TenantId previous = CURRENT.get();
    CURRENT.set(tenant);
    try {
      return work.get();
    } finally {
      restore(previous);
    }
  }

  /**
   * Runs work bound to a tenant, restoring the previous binding afterwards.
   *
   * @param tenant the tenant to bind
   * @param work what to run
   */
  public static void runAs(TenantId tenant, Runnable work) {
    callAs(
        tenant,
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * Binds a tenant for the rest of a request; the caller must {@link #clear()} it in a {@code
   * finally} block.
   *
   * @param tenant the tenant to bind
   */
  public static void bind(TenantId tenant) {
    CURRENT.set(tenant);
  }

  /** Removes this thread's tenant binding. */
  public static void clear() {
    CURRENT.remove();
  }

  private static void restore(@Nullable TenantId previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
