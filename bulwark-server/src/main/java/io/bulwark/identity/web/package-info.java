/** Identity internals: web. */
@NullMarked
package io.bulwark.identity.web;

import org.jspecify.annotations.NullMarked;
