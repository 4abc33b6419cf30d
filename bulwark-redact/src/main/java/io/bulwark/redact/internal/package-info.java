/**
 * Implementation of the redaction engine: the single-pass {@link
 * io.bulwark.redact.internal.Scanner} and the built-in detectors. Not API: use {@link
 * io.bulwark.redact.Redactor} and {@link io.bulwark.redact.BuiltInDetectors}.
 */
@NullMarked
package io.bulwark.redact.internal;

import org.jspecify.annotations.NullMarked;
