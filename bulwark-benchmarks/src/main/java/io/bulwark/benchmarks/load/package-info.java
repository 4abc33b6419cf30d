/** What the HTTP load drivers share: the loopback guard and the closed loop with its latencies. */
@NullMarked
package io.bulwark.benchmarks.load;

import org.jspecify.annotations.NullMarked;
