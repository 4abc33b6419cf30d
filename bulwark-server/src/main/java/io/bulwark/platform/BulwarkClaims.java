package io.bulwark.platform;

/** Names of the claims that Bulwark adds to the access tokens it issues. */
public final class BulwarkClaims {

  /** The id of the tenant whose issuer minted the token. */
  public static final String TENANT_ID = "tid";

  /** The roles granted to the subject in that tenant. */
  public static final String ROLES = "roles";

  /** {@code client} for service clients, {@code user} for people. */
  public static final String PRINCIPAL_TYPE = "principal_type";

  /**
   * The audience of the Bulwark API. Every access token a tenant issuer mints names it beside the
   * client id, and the API refuses tokens that do not (RFC 9068 §4: a resource server checks that
   * it is among the token's audiences).
   */
  public static final String API_AUDIENCE = "urn:bulwark:api";

  /** The role that may administer every tenant; held only in the {@code system} tenant. */
  public static final String PLATFORM_ADMIN_ROLE = "platform-admin";

  private BulwarkClaims() {}
}
