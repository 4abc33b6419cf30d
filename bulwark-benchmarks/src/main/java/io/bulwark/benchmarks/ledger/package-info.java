/**
 * JMH benchmarks of {@code bulwark-ledger}: full-tree verification against a raw SHA-256 anchor,
 * inclusion proofs on a 10,000,000-leaf tree, RFC 8785 canonicalization. Results and the commands
 * that reproduce them are in {@code docs/benchmarks-ledger.md}.
 *
 * <p>JMH subclasses benchmark and state classes, so they are public and not final.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9162#section-2.1">RFC 9162 §2.1</a>
 */
@NullMarked
package io.bulwark.benchmarks.ledger;

import org.jspecify.annotations.NullMarked;
