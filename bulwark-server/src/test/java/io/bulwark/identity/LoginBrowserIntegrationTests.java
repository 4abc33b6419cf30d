package io.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.support.BulwarkIntegrationTest;
import io.bulwark.support.TestBrowser;
import io.bulwark.support.TestBrowser.Pkce;
import io.bulwark.support.TestClients;
import io.bulwark.support.TestSignIns;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real browser (Debian's headless Chromium through its chromedriver) signs a TOTP-enrolled user
 * in through the authorization-code flow with PKCE S256, state and nonce.
 */
@BulwarkIntegrationTest
class LoginBrowserIntegrationTests {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  @LocalServerPort int port;
  @Autowired TestClients testClients;

  WebDriver driver;

  @BeforeEach
  void startBrowser() {
    assertThat(new File(CHROMEDRIVER)).as("chromium-driver is installed (see .ci/run)").exists();
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=target/chromium-" + UUID.randomUUID());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void userWithTotpSignsInThroughAuthorizationCodeWithPkce() {
    TestSignIns acme = new TestSignIns(port, testClients, "alice");
    acme.requireMfa();
    String key = acme.enrollThroughLogin(new TestBrowser(port), "alice");
    Pkce pkce = Pkce.create();
    String state = UUID.randomUUID().toString();
    String nonce = UUID.randomUUID().toString();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

    driver.get("http://localhost:" + port + acme.authorizePath("spa", pkce, state, nonce));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    assertThat(driver.getCurrentUrl()).endsWith("/t/" + acme.slug + "/login");
    driver.findElement(By.id("username")).sendKeys("alice");
    driver.findElement(By.id("password")).sendKeys(TestSignIns.PASSWORD);
    driver.findElement(By.id("sign-in")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
    assertThat(driver.getCurrentUrl()).endsWith("/t/" + acme.slug + "/login/otp");
    // Enrollment spent its step; a later one within the ±1 window is still unused.
    driver.findElement(By.id("code")).sendKeys(acme.nextCode(key));
    driver.findElement(By.id("verify")).click();

    wait.until(ExpectedConditions.urlContains(acme.redirectUri));
    Map<String, String> callback = TestBrowser.query(driver.getCurrentUrl());
    assertThat(callback.get("state")).isEqualTo(state);
    assertThat(callback.get("code")).isNotBlank();

    var tokens = LoginIntegrationTests.exchangePublic(acme, callback.get("code"), pkce.verifier());
    var id = LoginIntegrationTests.claims(tokens.get("id_token").asString());
    assertThat(id.get("nonce")).isEqualTo(nonce);
    assertThat(id.get("amr")).isEqualTo(java.util.List.of("pwd", "otp"));
    assertThat(id.get("sub")).isEqualTo(acme.userId);
    var access = LoginIntegrationTests.claims(tokens.get("access_token").asString());
    assertThat(access.get("amr")).isEqualTo(java.util.List.of("pwd", "otp"));
  }

  @Test
  void enrollmentPageShowsTheQrCodeNextToTheLinkAndKey() {
    TestSignIns acme = new TestSignIns(port, testClients, "alice");
    acme.requireMfa();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

    driver.get("http://localhost:" + port + "/t/" + acme.slug + "/login");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
    driver.findElement(By.id("username")).sendKeys("alice");
    driver.findElement(By.id("password")).sendKeys(TestSignIns.PASSWORD);
    driver.findElement(By.id("sign-in")).click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("qr")));
    assertThat(driver.getCurrentUrl()).endsWith("/t/" + acme.slug + "/login/enroll");
    var qr = driver.findElement(By.id("qr"));
    assertThat(qr.isDisplayed()).isTrue();
    assertThat(qr.getRect().getWidth()).isGreaterThanOrEqualTo(200);
    assertThat(qr.getRect().getHeight()).isEqualTo(qr.getRect().getWidth());
    assertThat(driver.findElement(By.id("otpauth")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("secret")).getText()).matches("[A-Z2-7]{32}");
    String page = driver.getPageSource();
    assertThat(LoginIntegrationTests.qrModules(page))
        .isEqualTo(
            LoginIntegrationTests.expectedQrModules(
                driver.findElement(By.id("otpauth")).getDomAttribute("href")));
  }
}
