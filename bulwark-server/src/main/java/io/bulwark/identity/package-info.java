/**
 * Identity: an OAuth 2.0 / OpenID Connect issuer per tenant at {@code /t/{slug}}, built on Spring
 * Security's authorization server, with signing keys per tenant stored encrypted, service clients,
 * users who sign in on their tenant's login pages (TOTP MFA, brute-force lockout), and validation
 * of Bulwark-issued tokens on every API request.
 */
@NullMarked
package io.bulwark.identity;

import org.jspecify.annotations.NullMarked;
