package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.identity.User;
import io.bulwark.identity.Users;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestTenants;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

@BulwarkIntegrationTest
class UserPurgeIntegrationTests {

  @Autowired JdbcUsers users;
  @Autowired Tenants tenants;

  @Autowired
  @Qualifier("owner")
  HikariDataSource owner;

  @Test
  void userDeletedLongerThanTheGracePeriodIsPurgedAndAYoungerOneIsKept() {
    TenantId tenant =
        tenants
            .create(new NewTenant(new TenantSlug(TestTenants.acme().slug()), "Purge", "eu"))
            .id();
    User old = users.create(tenant, "old", null, null, null);
    User recent = users.create(tenant, "recent", null, null, null);
    users.delete(tenant, old.id());
    users.delete(tenant, recent.id());
    JdbcClient.create(owner)
        .sql("update users set deleted_at = now() - interval '31 days' where id = ?")
        .param(old.id())
        .update();

    int purged = users.purgeExpired(tenant);

    assertThat(purged).isEqualTo(1);
    assertThat(users.find(tenant, old.id())).isEmpty();
    assertThat(users.find(tenant, recent.id())).isPresent();
    assertThat(Users.DELETION_GRACE.toDays()).isEqualTo(30);
  }
}
