/** Load drivers for the identity provider: client_credentials token issuance. */
@NullMarked
package io.bulwark.benchmarks.identity;

import org.jspecify.annotations.NullMarked;
