/**
 * Shared kernel: how HTTP requests are observed. The {@code http.server.requests} timer for every
 * request, a real span only for the sampled ones, trace and correlation ids in every log line.
 */
@NullMarked
package io.bulwark.platform.observation;

import org.jspecify.annotations.NullMarked;
