package io.bulwark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.identity.SigningKeyInfo;
import io.bulwark.identity.SigningKeyState;
import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestTenants;
import io.bulwark.tenancy.NewTenant;
import io.bulwark.tenancy.TenantSlug;
import io.bulwark.tenancy.Tenants;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BulwarkIntegrationTest
class ScheduledRotationIntegrationTests {

  @Autowired SigningKeys signingKeys;
  @Autowired Tenants tenants;

  @Test
  void keyYoungerThanThePeriodIsKept() {
    TenantId tenant = newTenant();
    String current = currentKid(tenant);

    assertThat(signingKeys.rotateIfDue(tenant, Duration.ofDays(30))).isFalse();
    assertThat(currentKid(tenant)).isEqualTo(current);
  }

  @Test
  void keyThatHasSignedForThePeriodIsRotatedAndTheNextKeyTakesOver() {
    TenantId tenant = newTenant();
    String current = currentKid(tenant);
    String next = kidIn(tenant, SigningKeyState.NEXT);

    assertThat(signingKeys.rotateIfDue(tenant, Duration.ZERO)).isTrue();
    assertThat(currentKid(tenant)).isEqualTo(next);
    assertThat(kidIn(tenant, SigningKeyState.PREVIOUS)).isEqualTo(current);
  }

  private TenantId newTenant() {
    TenantId tenant =
        tenants
            .create(new NewTenant(new TenantSlug(TestTenants.acme().slug()), "Rotating", "eu"))
            .id();
    signingKeys.of(tenant);
    return tenant;
  }

  private String currentKid(TenantId tenant) {
    return kidIn(tenant, SigningKeyState.CURRENT);
  }

  private String kidIn(TenantId tenant, SigningKeyState state) {
    return signingKeys.list(tenant).stream()
        .filter(key -> key.state() == state)
        .map(SigningKeyInfo::kid)
        .findFirst()
        .orElseThrow();
  }
}
