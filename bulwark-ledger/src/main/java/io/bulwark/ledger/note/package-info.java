/**
 * C2SP {@code signed-note} with Ed25519 keys and C2SP {@code tlog-checkpoint}: how a tree head is
 * published and verified.
 *
 * @see <a href="https://c2sp.org/signed-note">C2SP signed-note</a>
 * @see <a href="https://c2sp.org/tlog-checkpoint">C2SP tlog-checkpoint</a>
 */
@NullMarked
package io.bulwark.ledger.note;

import org.jspecify.annotations.NullMarked;
