package io.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** The served OpenAPI document names exactly the API operations the server has. */
@BulwarkIntegrationTest
class OpenApiDocumentIntegrationTests {

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  @SuppressWarnings("unchecked")
  void everyApiOperationIsDocumentedAndNothingElse() {
    var response = new TestApi(port).get("/openapi.yaml").send();
    assertThat(response.status()).isEqualTo(200);
    Map<String, Object> document = new Yaml().load(response.body());
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) document.get("paths");

    Set<String> documented = new TreeSet<>();
    paths.forEach((path, operations) -> {
      if (path.startsWith("/api/")) {
        operations.keySet().stream()
            .filter(key -> !key.equals("parameters"))
            .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
      }
    });
    Set<String> served = new TreeSet<>();
    mappings
        .getHandlerMethods()
        .keySet()
        .forEach(info ->
            info.getPatternValues().stream()
                .filter(path -> path.startsWith("/api/"))
                .forEach(path ->
                    info.getMethodsCondition()
                        .getMethods()
                        .forEach(method -> served.add(method.name() + " " + path))));

    assertThat(documented).isEqualTo(served);
  }
}
