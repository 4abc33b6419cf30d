/**
 * Authorization: permissions, roles, and the one decision point that every API asks, {@link
 * io.bulwark.authorization.AccessDecisions}. Decisions are values that carry their reason.
 */
@NullMarked
package io.bulwark.authorization;

import org.jspecify.annotations.NullMarked;
