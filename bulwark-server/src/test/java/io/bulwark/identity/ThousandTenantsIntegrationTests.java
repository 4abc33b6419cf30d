package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestClients;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A tenant is a few rows, not a heavy object: a thousand of them each serve their own issuer. */
@BulwarkIntegrationTest
class ThousandTenantsIntegrationTests {

  @LocalServerPort int port;
  @Autowired Tenants tenants;
  @Autowired TestClients clients;

  @Test
  void withAThousandTenantsAnyOfThemDiscoversAndIssuesTokens() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<TenantId> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ids.add(
          tenants.create(new NewTenant(new TenantSlug("k" + run + "-" + i), "T" + i, "eu")).id());
    }
    TestApi api = new TestApi(port);

    for (int i : new int[] {0, 499, 999}) {
      String slug = "k" + run + "-" + i;
      clients.register(ids.get(i), "svc", "svc-secret-0123456789abcdefghijklmn");
      var discovery = api.get("/t/" + slug + "/.well-known/openid-configuration").send();
      assertThat(discovery.status()).isEqualTo(200);
      assertThat(discovery.json().get("issuer").asString()).isEqualTo(api.base() + "/t/" + slug);
      assertThat(api.token(slug, "svc", "svc-secret-0123456789abcdefghijklmn")).isNotBlank();
    }
  }
}
