package io.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.platform.problem.ProblemType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProblemTypesDocumentedTests {

  @Test
  void everyProblemTypeIsListedWithItsStatusInTheDocs() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "problems.md"));

    for (ProblemType type : ProblemType.values()) {
      assertThat(docs)
          .as(type.name())
          .contains("| `" + type.uri() + "` | " + type.status().value() + " |");
    }
  }
}
