/** Classification internals: the HTTP API for tiers, data schemas and redaction. */
@NullMarked
package io.bulwark.classification.web;

import org.jspecify.annotations.NullMarked;
