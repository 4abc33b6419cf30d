/**
 * Tenants: the registry of customer organisations that Bulwark serves, each with a slug, a
 * data-residency region and a status. A suspended tenant is refused everywhere.
 */
@NullMarked
package io.bulwark.tenancy;

import org.jspecify.annotations.NullMarked;
