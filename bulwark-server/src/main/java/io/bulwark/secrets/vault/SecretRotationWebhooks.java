package io.bulwark.secrets.vault;

import io.bulwark.audit.AuditCaller;
import io.bulwark.platform.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's rotation webhook: a URL that receives a signed {@code POST} when a secret's rotation
 * is due (its current version reached its {@code rotation_period}) or it expired, once per current
 * version. The body names the secret (never its value); the {@code X-Bulwark-Signature} header is
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the signing secret>}, as Stripe
 * signs its webhooks, so receivers can check origin and freshness.
 */
public interface SecretRotationWebhooks {

  /** The header carrying the signature. */
  String SIGNATURE_HEADER = "X-Bulwark-Signature";

  /**
   * Sets the tenant's webhook URL with a new signing secret (replacing any earlier one).
   *
   * @param tenant whose webhook
   * @param url an absolute {@code http} or {@code https} URL
   * @param caller who and why
   * @return the webhook and its signing secret, shown this once
   */
  Configured configure(TenantId tenant, URI url, AuditCaller caller);

  /**
   * @param tenant whose webhook
   * @return the webhook, without its signing secret
   */
  Optional<Webhook> find(TenantId tenant);

  /**
   * @param tenant whose webhook
   * @param caller who and why
   * @return whether there was one
   */
  boolean remove(TenantId tenant, AuditCaller caller);

  /**
   * Sends a notification for every secret due or expired and not yet notified for its current
   * version.
   *
   * @param tenant whose secrets
   * @return how many notifications were delivered (answered 2xx)
   */
  int notifyDue(TenantId tenant);

  /**
   * A configured webhook.
   *
   * @param url where notifications go
   * @param createdAt when it was first set
   * @param updatedAt when it or its secret last changed
   */
  record Webhook(URI url, Instant createdAt, Instant updatedAt) {
    public Webhook {
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * A webhook just configured, with its signing secret.
   *
   * @param webhook the webhook
   * @param signingSecret the secret receivers verify signatures with
   */
  record Configured(Webhook webhook, SecretValue signingSecret) {}
}
