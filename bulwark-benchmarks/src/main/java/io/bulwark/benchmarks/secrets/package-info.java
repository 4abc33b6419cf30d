/**
 * Benchmarks of the secrets vault: in-process AES-256-GCM with Tink (JMH), secret reads over HTTP
 * (a closed-loop load driver), and the rewrap of many secrets after a data-key rotation.
 */
@NullMarked
package io.bulwark.benchmarks.secrets;

import org.jspecify.annotations.NullMarked;
