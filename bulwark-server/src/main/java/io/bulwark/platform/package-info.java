/**
 * Shared kernel: identifiers, the tenant binding, problem+json, database and logging set-up. Every
 * module may use it; it depends on no module.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package io.bulwark.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
