/** Audit HTTP API under {@code /api/v1/tenants/{slug}/audit}. */
@NullMarked
package io.bulwark.audit.web;

import org.jspecify.annotations.NullMarked;
