/**
 * The offline verifier command line: {@code java -jar bulwark-ledger.jar verify --key <vkey>
 * export.jsonl}.
 *
 * @see <a href="https://c2sp.org/signed-note">C2SP signed-note</a>
 */
@NullMarked
package io.bulwark.ledger.cli;

import org.jspecify.annotations.NullMarked;
