/** Load drivers for the audit ledger: batched and single-event ingestion over HTTP. */
@NullMarked
package io.bulwark.benchmarks.audit;

import org.jspecify.annotations.NullMarked;
