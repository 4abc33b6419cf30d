/**
 * Data classification: the five tiers of the compliance blueprints ({@link
 * io.bulwark.classification.ClassificationTier}) with their handling rules, the tier of every
 * redaction detector type ({@link io.bulwark.classification.DetectorTiers}), and each tenant's
 * registered data schemas ({@link io.bulwark.classification.DataSchemas}), which say the tier of
 * every field of a record type. Its web layer also serves tenant-scoped redaction of text and JSON.
 */
@NullMarked
package io.bulwark.classification;

import org.jspecify.annotations.NullMarked;
