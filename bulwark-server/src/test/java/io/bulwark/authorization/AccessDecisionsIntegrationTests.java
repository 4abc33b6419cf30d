package io.bulwark.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.TenantId;
import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.tenancy.Tenants;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BulwarkIntegrationTest
class AccessDecisionsIntegrationTests {

  @Autowired AccessDecisions decisions;
  @Autowired Roles roles;
  @Autowired Tenants tenants;

  final TenantId acme = new TenantId(UUID.randomUUID());
  final TenantId globex = new TenantId(UUID.randomUUID());

  @Test
  void tenantRoleGrantsItsPermissionsInItsOwnTenant() {
    AccessDecision decision =
        decisions.decide(user(acme, "tenant-admin"), Permissions.USERS_WRITE, acme);

    assertThat(decision).isInstanceOf(AccessDecision.Granted.class);
    assertThat(decision.reason()).contains("tenant-admin");
  }

  @Test
  void tenantRoleGrantsNothingInAnotherTenant() {
    AccessDecision decision =
        decisions.decide(user(acme, "tenant-admin"), Permissions.USERS_WRITE, globex);

    assertThat(decision).isInstanceOf(AccessDecision.Denied.class);
    assertThat(decision.reason()).contains("does not own");
  }

  @Test
  void platformRoleInTheSystemTenantReachesEveryTenant() {
    Principal operator = systemUser("platform-operator");

    assertThat(decisions.decide(operator, Permissions.AUDIT_READ, acme).granted()).isTrue();
    assertThat(decisions.decide(operator, Permissions.AUDIT_READ, globex).granted()).isTrue();
  }

  @Test
  void platformRoleHeldOutsideTheSystemTenantGrantsNothing() {
    assertThat(
            decisions.decide(user(acme, "platform-admin"), Permissions.USERS_READ, acme).granted())
        .isFalse();
  }

  @Test
  void platformAdministratorManagesSecretsWithoutReadingThem() {
    Principal admin = systemUser("platform-admin");

    assertThat(decisions.decide(admin, Permissions.SECRETS_ADMIN, acme).granted()).isTrue();
    assertThat(decisions.decide(admin, Permissions.SECRETS_READ, acme))
        .isEqualTo(new AccessDecision.Denied("No role of the caller grants secrets:read"));
  }

  @Test
  void firstTierSupportOnlyReads() {
    Principal support = systemUser("support-tier1");

    assertThat(decisions.decide(support, Permissions.USERS_READ, acme).granted()).isTrue();
    assertThat(decisions.decide(support, Permissions.USERS_WRITE, acme).granted()).isFalse();
    assertThat(decisions.decide(support, Permissions.AUDIT_READ, acme).granted()).isFalse();
  }

  @Test
  void unknownRoleNamesGrantNothing() {
    assertThat(
            decisions.decide(user(acme, "root", "admin"), Permissions.USERS_READ, acme).granted())
        .isFalse();
  }

  @Test
  void everyRoleOfTheBlueprintsRbacModelIsBuiltIn() {
    Set<String> names = roles.builtIn().stream().map(Role::name).collect(Collectors.toSet());

    assertThat(names)
        .contains(
            "platform-admin",
            "platform-operator",
            "platform-developer",
            "sre",
            "security-engineer",
            "support-tier1",
            "support-tier2",
            "technical-support",
            "enterprise-support",
            "product-manager",
            "product-developer",
            "product-support",
            "tenant-admin");
  }

  @Test
  void builtInRolesGrantOnlyKnownPermissions() {
    Set<String> resources =
        Permissions.ALL.stream().map(Permission::resource).collect(Collectors.toSet());

    for (Role role : roles.builtIn()) {
      for (Permission permission : role.permissions()) {
        assertThat(
                permission.isWildcard()
                    ? resources.contains(permission.resource())
                    : Permissions.ALL.contains(permission))
            .as("%s grants %s", role.name(), permission)
            .isTrue();
      }
    }
  }

  @Test
  void noBuiltInRoleButTheSecretsReaderReadsSecretValues() {
    assertThat(roles.builtIn())
        .filteredOn(role -> role.grants(Permissions.SECRETS_READ))
        .extracting(Role::name)
        .containsExactly("secrets-reader");
  }

  @Test
  void roleNarrowedToAPrefixGrantsOnPathsBelowItOnly() {
    Principal payments = user(acme, "secrets-reader@payments/");

    assertThat(
            decisions
                .decide(payments, Permissions.SECRETS_READ, acme, "payments/stripe-key")
                .granted())
        .isTrue();
    AccessDecision elsewhere = decisions.decide(payments, Permissions.SECRETS_READ, acme, "hr/x");
    assertThat(elsewhere.granted()).isFalse();
    assertThat(elsewhere.reason()).contains("other path prefixes");
    assertThat(decisions.decide(payments, Permissions.SECRETS_READ, acme).granted()).isFalse();
    assertThat(
            decisions
                .decide(payments, Permissions.SECRETS_READ, globex, "payments/stripe-key")
                .granted())
        .isFalse();
  }

  @Test
  void narrowedRoleThatIsNotNarrowableGrantsNothing() {
    Principal narrowedAdmin = user(acme, "tenant-admin@payments/");

    assertThat(
            decisions
                .decide(narrowedAdmin, Permissions.SECRETS_WRITE, acme, "payments/stripe-key")
                .granted())
        .isFalse();
    assertThat(decisions.decide(narrowedAdmin, Permissions.USERS_READ, acme).granted()).isFalse();
  }

  @Test
  void malformedRoleEntryInATokenGrantsNothing() {
    assertThat(
            decisions
                .decide(user(acme, "secrets-reader@../"), Permissions.SECRETS_READ, acme, "../x")
                .granted())
        .isFalse();
  }

  private Principal user(TenantId tenant, String... roleNames) {
    return new Principal(tenant, Principal.Type.USER, "someone", Set.of(roleNames), false);
  }

  private Principal systemUser(String... roleNames) {
    return new Principal(
        tenants.system().id(), Principal.Type.USER, "staff", Set.of(roleNames), true);
  }
}
