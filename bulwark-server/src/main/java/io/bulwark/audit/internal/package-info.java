/** Audit internals: the PostgreSQL ledger, its node store, checkpoint keys and jobs. */
@NullMarked
package io.bulwark.audit.internal;

import org.jspecify.annotations.NullMarked;
