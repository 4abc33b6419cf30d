package io.bulwark.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * With the path asked first, requests still find their mapping, and requests that find none are
 * answered as Spring MVC answers them: from every mapping, so a known path with another method is
 * 405 and a known path with another body type 415.
 */
@BulwarkIntegrationTest
class PathFirstHandlerMappingIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  TestApi api;
  String admin;

  @BeforeEach
  void setUp() {
    api = new TestApi(port);
    admin = api.adminToken();
  }

  @Test
  void controllersAreMappedPathFirst() {
    assertThat(mapping).isInstanceOf(PathFirstHandlerMapping.class);
  }

  @Test
  void variablePathsFindTheirMapping() {
    Response tenant = api.get("/api/v1/tenants/system").bearer(admin).send();
    Response secret = api.get("/api/v1/tenants/system/secrets/nothing/here").bearer(admin).send();

    assertThat(tenant.status()).as(tenant.toString()).isEqualTo(200);
    assertThat(tenant.json().get("slug").asString()).isEqualTo("system");
    // The secret read's own check answers (the platform administrator holds no secrets:read).
    assertThat(secret.status()).as(secret.toString()).isEqualTo(403);
    assertThat(secret.json().get("detail").asString()).contains("secrets:read");
  }

  @Test
  void knownPathWithAnotherMethodIsMethodNotAllowed() {
    Response response = api.request("DELETE", "/api/v1/tenants").bearer(admin).send();

    assertThat(response.status()).as(response.toString()).isEqualTo(405);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "method-not-allowed");
    assertThat(response.header("Allow")).contains("GET").contains("POST");
  }

  @Test
  void knownPathWithAnotherBodyTypeIsUnsupported() {
    Response response =
        api.request("PUT", "/api/v1/tenants/system/secrets/a/b")
            .bearer(admin)
            .body("text/plain", "{\"value\": \"x\"}")
            .send();

    assertThat(response.status()).as(response.toString()).isEqualTo(415);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "unsupported-media-type");
  }

  @Test
  void unknownPathIsNotFound() {
    Response response = api.get("/api/v1/tenants/system/no-such-collection").bearer(admin).send();

    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "not-found");
  }
}
