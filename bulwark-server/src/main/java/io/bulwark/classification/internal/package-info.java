/** Classification internals: schema storage, pseudonym keys and the redaction service. */
@NullMarked
package io.bulwark.classification.internal;

import org.jspecify.annotations.NullMarked;
