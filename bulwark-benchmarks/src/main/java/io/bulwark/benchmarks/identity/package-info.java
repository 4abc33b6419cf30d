/**
 * Load drivers for the identity provider: client_credentials token issuance, and token validation
 * by a resource server (RFC 7662 introspection over HTTP, local JWKS verification in process).
 */
@NullMarked
package io.bulwark.benchmarks.identity;

import org.jspecify.annotations.NullMarked;
