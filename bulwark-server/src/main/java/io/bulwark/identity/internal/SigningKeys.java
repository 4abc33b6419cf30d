package io.bulwark.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.secrets.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each tenant's token-signing keys, kept in PostgreSQL with the private part encrypted under the
 * tenant's data key. A tenant's first key is made when its issuer first needs one. Keys are cached
 * per tenant; a change of key state clears the cache.
 */
@Component
class SigningKeys {

  private final JdbcClient jdbc;
  private final TenantEncryption encryption;
  private final ConcurrentHashMap<TenantId, TenantKeys> cache = new ConcurrentHashMap<>();

  SigningKeys(JdbcClient jdbc, TenantEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  /**
   * @param tenant a tenant
   * @return its published keys (with private parts) and the one that signs now
   */
  TenantKeys of(TenantId tenant) {
    return cache.computeIfAbsent(tenant, id -> TenantContext.callAs(id, () -> loadOrCreate(id)));
  }

  private TenantKeys loadOrCreate(TenantId tenant) {
    List<JWK> keys = load(tenant);
    if (keys.isEmpty()) {
      create(tenant);
      keys = load(tenant);
    }
    return new TenantKeys(keys);
  }

  private void create(TenantId tenant) {
    try {
      String kid = UUID.randomUUID().toString();
      JWK key =
          new RSAKeyGenerator(2048)
              .keyID(kid)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.RS256)
              .generate();
      byte[] encrypted =
          encryption.encrypt(
              tenant,
              key.toJSONString().getBytes(StandardCharsets.UTF_8),
              associatedData(tenant, kid));
      jdbc.sql(
              "insert into signing_keys (tenant_id, kid, algorithm, state, public_jwk, private_jwk)"
                  + " values (?, ?, 'RS256', 'current', ?, ?) on conflict do nothing")
          .params(tenant.value(), kid, key.toPublicJWK().toJSONString(), encrypted)
          .update();
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not generate a signing key", e);
    }
  }

  private List<JWK> load(TenantId tenant) {
    return jdbc.sql(
            "select kid, private_jwk from signing_keys where tenant_id = ?"
                + " and state in ('next', 'current', 'previous')"
                + " order by case state when 'current' then 0 when 'next' then 1 else 2 end")
        .param(tenant.value())
        .query((row, n) -> {
          String kid = row.getString("kid");
          byte[] json =
              encryption.decrypt(tenant, row.getBytes("private_jwk"), associatedData(tenant, kid));
          try {
            return JWK.parse(new String(json, StandardCharsets.UTF_8));
          } catch (ParseException e) {
            throw new IllegalStateException("Stored signing key " + kid + " is unreadable", e);
          }
        })
        .list();
  }

  private static byte[] associatedData(TenantId tenant, String kid) {
    return ("signing_keys:" + tenant + ":" + kid).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A tenant's keys: the first is the current signing key.
   *
   * @param keys published keys, current first
   */
  record TenantKeys(List<JWK> keys) {

    TenantKeys {
      keys = List.copyOf(keys);
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("a tenant needs at least one signing key");
      }
    }

    JWK current() {
      return keys.getFirst();
    }

    @Override
    public String toString() {
      return "TenantKeys" + keys.stream().map(JWK::getKeyID).toList();
    }
  }
}
