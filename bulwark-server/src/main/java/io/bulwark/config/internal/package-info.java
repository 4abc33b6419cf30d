/** The config platform on PostgreSQL: current documents, their version history and revisions. */
@NullMarked
package io.bulwark.config.internal;

import org.jspecify.annotations.NullMarked;
