package io.bulwark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.BulwarkApplication;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestTenants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded database keeps its data under the data directory across a stop and a start. */
class RestartIntegrationTests {

  @TempDir Path dataDir;

  @Test
  void tenantCreatedBeforeARestartIsThereAfterIt() throws IOException {
    var acme = TestTenants.acme();
    String firstId;
    try (ConfigurableApplicationContext first = start()) {
      TestApi api = new TestApi(port(first));
      var created = api.post("/api/v1/tenants").bearer(api.adminToken()).json(acme.json()).send();
      assertThat(created.status()).isEqualTo(201);
      firstId = created.json().get("id").asString();
    }

    try (ConfigurableApplicationContext second = start()) {
      TestApi api = new TestApi(port(second));
      var read = api.get("/api/v1/tenants/" + acme.slug()).bearer(api.adminToken()).send();

      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json().get("id").asString()).isEqualTo(firstId);
    }
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("kek.json")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(BulwarkApplication.class)
        .run(
            "--server.port=0",
            "--bulwark.db.data-dir=" + dataDir,
            "--bulwark.bootstrap.client-id=" + TestApi.ADMIN_CLIENT_ID,
            "--bulwark.bootstrap.client-secret=" + TestApi.ADMIN_CLIENT_SECRET,
            "--bulwark.dev-mode=true");
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
