/** The secrets vault's HTTP API under {@code /api/v1/tenants/{slug}/secrets…}. */
@NullMarked
package io.bulwark.secrets.vault.web;

import org.jspecify.annotations.NullMarked;
