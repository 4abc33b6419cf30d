/** The config platform's HTTP API under {@code /api/v1/tenants/{slug}/config/…}. */
@NullMarked
package io.bulwark.config.web;

import org.jspecify.annotations.NullMarked;
