/**
 * Streaming structural JSON redaction: {@link io.bulwark.redact.json.JsonRedactor} copies a JSON
 * document token by token (Jackson streaming parser to generator, never a tree), masking fields by
 * path, by classification or by sensitive name, and detecting sensitive values inside the remaining
 * strings.
 */
@NullMarked
package io.bulwark.redact.json;

import org.jspecify.annotations.NullMarked;
