/**
 * RFC 8785 JSON Canonicalization Scheme (JCS) over Jackson 3 trees: the byte form of an audit entry
 * that becomes its Merkle leaf data.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8785">RFC 8785</a>
 */
@NullMarked
package io.bulwark.ledger.jcs;

import org.jspecify.annotations.NullMarked;
