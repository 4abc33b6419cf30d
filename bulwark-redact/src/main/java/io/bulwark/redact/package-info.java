/**
 * Bulwark's sensitive-data redaction engine.
 *
 * <p>{@link io.bulwark.redact.Redactor} finds sensitive values (see {@link
 * io.bulwark.redact.DetectorTypes}) in text with a single-pass, linear-time scanner and replaces
 * them according to a {@link io.bulwark.redact.MaskingStrategy}. New detectors plug in through the
 * {@link io.bulwark.redact.Detector} SPI. Sub-packages: {@code json} (streaming structural JSON
 * redaction), {@code logback} (log integration), {@code cli} (stdin filter and secret scanner);
 * {@code internal} is not API.
 */
@NullMarked
package io.bulwark.redact;

import org.jspecify.annotations.NullMarked;
