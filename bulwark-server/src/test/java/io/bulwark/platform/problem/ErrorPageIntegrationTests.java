package io.bulwark.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestApi;
import io.bulwark.support.TestApi.Response;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Errors raised outside Spring MVC (the authorization server's {@code sendError}, Tomcat's own
 * rejections) answer problem+json, or a plain page for a browser, never Boot's error JSON.
 */
@BulwarkIntegrationTest
class ErrorPageIntegrationTests {

  private static final String PROBLEMS = "https://bulwark.io/problems/";

  @LocalServerPort int port;

  TestApi api;

  @BeforeEach
  void client() {
    api = new TestApi(port);
  }

  @Test
  void authorizationRequestNamingNoValidClientIsAProblemNamingTheParameter() {
    Response response =
        api.get("/t/system/oauth2/authorize?response_type=code&client_id=nobody").send();

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "malformed-request");
    assertThat(response.json().get("detail").asString())
        .contains("invalid_request")
        .contains("client_id");
    assertThat(response.body()).doesNotContain("timestamp").doesNotContain("Exception");
  }

  @Test
  void browserGetsAnHtmlPageWithTheSameProblem() {
    Response response =
        api.get("/t/system/oauth2/authorize?response_type=code&client_id=nobody")
            .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
            .send();

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("text/html");
    assertThat(response.header("Cache-Control")).contains("no-store");
    assertThat(response.body())
        .contains("<h1>Malformed request</h1>")
        .contains("client_id")
        .doesNotContain("<script");
  }

  @Test
  void unparseableFormOnTheTokenEndpointIsAProblem() {
    Response response =
        api.post("/t/system/oauth2/token")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (TestApi.ADMIN_CLIENT_ID + ":" + TestApi.ADMIN_CLIENT_SECRET)
                                .getBytes()))
            .body("application/x-www-form-urlencoded", "grant_type=client_credentials&scope=%ZZ")
            .send();

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.problemType()).isEqualTo(PROBLEMS + "malformed-request");
    assertThat(response.body()).doesNotContain("timestamp").doesNotContain("access_token");
  }
}
