package io.bulwark.secrets.vault.internal;

import com.google.crypto.tink.subtle.PrfHmacJce;
import io.bulwark.audit.AuditActor;
import io.bulwark.audit.AuditCaller;
import io.bulwark.audit.AuditCategory;
import io.bulwark.audit.AuditEvent;
import io.bulwark.audit.AuditLedger;
import io.bulwark.audit.AuditOutcome;
import io.bulwark.audit.AuditResource;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.web.OutboundAddresses;
import io.bulwark.secrets.TenantEncryption;
import io.bulwark.secrets.vault.SecretRotationPage;
import io.bulwark.secrets.vault.SecretRotationStatus;
import io.bulwark.secrets.vault.SecretRotationWebhooks;
import io.bulwark.secrets.vault.SecretValue;
import io.bulwark.secrets.vault.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rotation webhooks on {@code secret_rotation_webhooks}: the signing secret is stored encrypted
 * under the tenant's data key, and {@code secrets.rotation_notified_version} remembers which
 * current version a notification was delivered for, so each is sent once (and retried until a
 * receiver answers 2xx).
 */
@Service
class JdbcSecretRotationWebhooks implements SecretRotationWebhooks {

  private static final Logger log = LoggerFactory.getLogger(JdbcSecretRotationWebhooks.class);
  private static final int MAX_PER_RUN = 200;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final Secrets secrets;
  private final AuditLedger ledger;
  private final TransactionTemplate transactions;
  private final OutboundAddresses outbound;
  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  JdbcSecretRotationWebhooks(
      JdbcClient jdbc,
      TenantEncryption encryption,
      Secrets secrets,
      AuditLedger ledger,
      TransactionTemplate transactions,
      OutboundAddresses outbound) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.secrets = secrets;
    this.ledger = ledger;
    this.transactions = transactions;
    this.outbound = outbound;
  }

  @Override
  public Configured configure(TenantId tenant, URI url, AuditCaller caller) {
    checkUrl(url);
    if (outbound.refuses(url)) {
      throw new InvalidFieldException(
          "url",
          "must resolve to public addresses only (private, loopback and link-local networks are"
              + " refused unless the operator allows them)");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    byte[] plaintext = secret.getBytes(StandardCharsets.UTF_8);
    return inTenant(
        tenant,
        () -> {
          jdbc.sql(
                  "insert into secret_rotation_webhooks (tenant_id, url, signing_secret)"
                      + " values (?, ?, ?) on conflict (tenant_id) do update set url ="
                      + " excluded.url, signing_secret = excluded.signing_secret,"
                      + " updated_at = now()")
              .params(
                  tenant.value(),
                  url.toString(),
                  encryption.encrypt(tenant, plaintext, associatedData(tenant)))
              .update();
          audit(
              tenant,
              caller.actor(),
              caller,
              "secret.rotation_webhook_configured",
              AuditOutcome.SUCCESS,
              null,
              JsonNodeFactory.instance.objectNode());
          Webhook webhook = find(tenant).orElseThrow();
          return new Configured(webhook, SecretValue.ofJson(json.writeValueAsBytes(secret)));
        });
  }

  @Override
  public Optional<Webhook> find(TenantId tenant) {
    return inTenant(
        tenant,
        () ->
            jdbc.sql(
                    "select url, created_at, updated_at from secret_rotation_webhooks"
                        + " where tenant_id = ?")
                .param(tenant.value())
                .query((rs, n) ->
                    new Webhook(
                        URI.create(rs.getString("url")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional());
  }

  @Override
  public boolean remove(TenantId tenant, AuditCaller caller) {
    return inTenant(
        tenant,
        () -> {
          boolean removed =
              jdbc.sql("delete from secret_rotation_webhooks where tenant_id = ?")
                      .param(tenant.value())
                      .update()
                  > 0;
          if (removed) {
            audit(
                tenant,
                caller.actor(),
                caller,
                "secret.rotation_webhook_removed",
                AuditOutcome.SUCCESS,
                null,
                JsonNodeFactory.instance.objectNode());
          }
          return removed;
        });
  }

  @Override
  public int notifyDue(TenantId tenant) {
    Target target = inTenant(tenant, () -> target(tenant));
    if (target == null) {
      return 0;
    }
    try {
      SecretRotationPage due = secrets.rotationReport(tenant, "", Duration.ZERO, null, MAX_PER_RUN);
      int delivered = 0;
      for (SecretRotationStatus status : due.items()) {
        if (alreadyNotified(tenant, status)) {
          continue;
        }
        if (deliver(tenant, target, status)) {
          delivered++;
        }
      }
      return delivered;
    } finally {
      Arrays.fill(target.secret(), (byte) 0);
    }
  }

  private boolean alreadyNotified(TenantId tenant, SecretRotationStatus status) {
    Integer notified =
        inTenant(
            tenant,
            () ->
                jdbc.sql(
                        "select rotation_notified_version from secrets where tenant_id = ?"
                            + " and path = ?")
                    .params(tenant.value(), status.path().value())
                    .query((rs, n) -> (Integer) rs.getObject(1))
                    .optional()
                    .orElse(null));
    return notified != null && notified == status.currentVersion();
  }

  private boolean deliver(TenantId tenant, Target target, SecretRotationStatus status) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("type", "secret.rotation_due");
    payload.put("tenant_id", tenant.toString());
    payload.put("path", status.path().value());
    payload.put("owner", status.owner());
    payload.put("current_version", status.currentVersion());
    payload.put(
        "rotation_due_at",
        status.rotationDueAt() == null ? null : status.rotationDueAt().toString());
    payload.put("expires_at", status.expiresAt() == null ? null : status.expiresAt().toString());
    payload.put("status", status.status().wireName());
    var reasons = payload.putArray("reasons");
    status.reasons().forEach(reason -> reasons.add(reason.wireName()));
    String body = json.writeValueAsString(payload);
    long timestamp = Instant.now().getEpochSecond();
    boolean refused = outbound.refuses(target.url());
    int code;
    try {
      if (refused) {
        throw new IOException("the URL resolves to an address that is not allowed");
      }
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(target.url())
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .header(SIGNATURE_HEADER, signature(target.secret(), timestamp, body))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      code = response.statusCode();
    } catch (IOException e) {
      code = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    boolean delivered = code >= 200 && code < 300;
    int answered = code;
    inTenant(
        tenant,
        () -> {
          if (delivered) {
            jdbc.sql(
                    "update secrets set rotation_notified_version = ? where tenant_id = ?"
                        + " and path = ?")
                .params(status.currentVersion(), tenant.value(), status.path().value())
                .update();
          }
          ObjectNode details = JsonNodeFactory.instance.objectNode();
          details.put("version", status.currentVersion());
          details.put("status", status.status().wireName());
          details.put("http_status", answered);
          if (refused) {
            details.put("refused", "address_not_allowed");
          }
          audit(
              tenant,
              AuditActor.system("secret-rotation-webhook"),
              null,
              "secret.rotation_due_notified",
              delivered ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
              status.path().value(),
              details);
          return null;
        });
    if (!delivered) {
      log.atWarn()
          .setMessage("A rotation webhook was not delivered; it is retried on the next run")
          .addKeyValue("tenant", tenant.toString())
          .addKeyValue("http_status", answered)
          .addKeyValue("address_refused", refused)
          .log();
    }
    return delivered;
  }

  /**
   * @return {@code t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<body>")>}
   */
  static String signature(byte[] secret, long timestamp, String body) {
    try {
      byte[] mac =
          new PrfHmacJce("HMACSHA256", new SecretKeySpec(secret, "HMAC"))
              .compute((timestamp + "." + body).getBytes(StandardCharsets.UTF_8), 32);
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  private @Nullable Target target(TenantId tenant) {
    return jdbc.sql("select url, signing_secret from secret_rotation_webhooks where tenant_id = ?")
        .param(tenant.value())
        .query((rs, n) ->
            new Target(
                URI.create(rs.getString("url")),
                encryption.decrypt(tenant, rs.getBytes("signing_secret"), associatedData(tenant))))
        .optional()
        .orElse(null);
  }

  private static void checkUrl(URI url) {
    String scheme = url.getScheme();
    if (!url.isAbsolute()
        || !("https".equals(scheme) || "http".equals(scheme))
        || url.getHost() == null
        || url.getRawUserInfo() != null
        || url.getRawFragment() != null
        || url.toString().length() > 2048) {
      throw new InvalidFieldException(
          "url", "must be an absolute http or https URL without user info or fragment");
    }
  }

  private static byte[] associatedData(TenantId tenant) {
    return ("bulwark:secret-rotation-webhook:v1\n" + tenant).getBytes(StandardCharsets.UTF_8);
  }

  private void audit(
      TenantId tenant,
      AuditActor actor,
      @Nullable AuditCaller caller,
      String action,
      AuditOutcome outcome,
      @Nullable String path,
      ObjectNode details) {
    ledger.append(
        tenant,
        List.of(
            new AuditEvent(
                null,
                Instant.now(),
                AuditCategory.CONFIGURATION,
                action,
                outcome,
                actor,
                path == null
                    ? new AuditResource("secret_rotation_webhook", null)
                    : new AuditResource("secret", path),
                caller == null ? null : caller.purpose(),
                null,
                false,
                null,
                caller == null ? null : caller.correlationId(),
                null,
                details)));
  }

  private <T> T inTenant(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }

  /** Where to send and the signing secret; never logged. */
  private record Target(URI url, byte[] secret) {
    @Override
    public String toString() {
      return "Target[url=redacted]";
    }
  }
}
