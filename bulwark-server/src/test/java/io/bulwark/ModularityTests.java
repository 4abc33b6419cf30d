package io.bulwark;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

  /** The plain-Java libraries share the io.bulwark namespace but are not server modules. */
  private static final DescribedPredicate<JavaClass> LIBRARIES =
      JavaClass.Predicates.resideInAnyPackage("io.bulwark.redact..", "io.bulwark.ledger..");

  private final ApplicationModules modules =
      ApplicationModules.of(BulwarkApplication.class, LIBRARIES);

  @Test
  void modulesRespectTheirBoundaries() {
    modules.verify();
  }

  @Test
  void writesModuleDocumentation() {
    new Documenter(modules).writeDocumentation();
  }
}
