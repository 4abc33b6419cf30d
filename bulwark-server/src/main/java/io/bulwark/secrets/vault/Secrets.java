package io.bulwark.secrets.vault;

import io.bulwark.audit.AuditCaller;
import io.bulwark.platform.TenantId;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's secrets, versioned like Vault / OpenBao KV v2. Every value is encrypted under the
 * tenant's data key with associated data binding tenant, path and version; every read and change is
 * appended to the tenant's audit log in the same transaction. Errors are {@link
 * io.bulwark.platform.problem.ApiProblem}s with the documented problem types.
 *
 * @see <a href="https://openbao.org/api-docs/secret/kv/kv-v2/">OpenBao KV v2 API</a>
 */
public interface Secrets {

  /** The largest value accepted, in bytes of its JSON encoding. */
  int MAX_VALUE_BYTES = 64 * 1024;

  /**
   * Writes a new version, pruning versions beyond the secret's {@code max_versions}.
   *
   * @param tenant whose vault
   * @param path where
   * @param value the value, at most {@link #MAX_VALUE_BYTES}
   * @param expectedVersion check-and-set: the version the caller believes current (0: the secret
   *     must have no version yet); null for none, refused when the secret requires it
   * @param changes metadata to apply with the write, if any
   * @param caller who and why
   * @return the version written
   */
  SecretVersion write(
      TenantId tenant,
      SecretPath path,
      SecretValue value,
      @Nullable Integer expectedVersion,
      @Nullable SecretMetadataChanges changes,
      AuditCaller caller);

  /**
   * Decrypts a version. A ciphertext that fails authentication is recorded as a security event and
   * answered as {@code secret-unreadable}.
   *
   * @param tenant whose vault
   * @param path where
   * @param version which version; null for the current one
   * @param caller who and why
   * @return the value
   */
  RevealedSecret read(
      TenantId tenant, SecretPath path, @Nullable Integer version, AuditCaller caller);

  /**
   * Soft-deletes versions: they stay stored and can be undeleted.
   *
   * @param tenant whose vault
   * @param path where
   * @param versions which; null or empty for the current version
   * @param caller who and why
   * @return the versions that changed state
   */
  List<Integer> delete(
      TenantId tenant, SecretPath path, @Nullable List<Integer> versions, AuditCaller caller);

  /**
   * Restores soft-deleted versions.
   *
   * @param tenant whose vault
   * @param path where
   * @param versions which
   * @param caller who and why
   * @return the versions that changed state
   */
  List<Integer> undelete(
      TenantId tenant, SecretPath path, List<Integer> versions, AuditCaller caller);

  /**
   * Irreversibly removes versions' ciphertext; their numbers stay, marked destroyed.
   *
   * @param tenant whose vault
   * @param path where
   * @param versions which
   * @param caller who and why
   * @return the versions that changed state
   */
  List<Integer> destroy(
      TenantId tenant, SecretPath path, List<Integer> versions, AuditCaller caller);

  /**
   * Removes a secret for good: its metadata and every version, ciphertext included (Vault's "delete
   * metadata and all versions"). The path can then be written again from version 1.
   *
   * @param tenant whose vault
   * @param path where
   * @param caller who and why
   * @return the versions that were removed
   */
  List<Integer> deleteAll(TenantId tenant, SecretPath path, AuditCaller caller);

  /**
   * @param tenant whose vault
   * @param path where
   * @return the secret's metadata and kept versions
   */
  SecretMetadata metadata(TenantId tenant, SecretPath path);

  /**
   * Changes a secret's metadata, creating the secret (with no version) if the path is new.
   *
   * @param tenant whose vault
   * @param path where
   * @param changes what changes
   * @param caller who and why
   * @return the metadata afterwards
   */
  SecretMetadata updateMetadata(
      TenantId tenant, SecretPath path, SecretMetadataChanges changes, AuditCaller caller);

  /**
   * @param tenant whose vault
   * @param prefix paths starting with this (empty for all)
   * @param after the last path of the previous page, if any
   * @param limit the page size
   * @return names and metadata, never values
   */
  SecretPage list(TenantId tenant, String prefix, @Nullable String after, int limit);

  /**
   * The rotation report: secrets whose rotation is due (the current version's age reaches its
   * {@code rotation_period}) or whose {@code expires_at} comes, within {@code window} from now; a
   * zero window lists only what is overdue or expired.
   *
   * @param tenant whose vault
   * @param prefix paths starting with this (empty for all)
   * @param window how far ahead to look
   * @param after the last path of the previous page, if any
   * @param limit the page size
   * @return the secrets due or overdue, in path order
   */
  SecretRotationPage rotationReport(
      TenantId tenant, String prefix, Duration window, @Nullable String after, int limit);
}
