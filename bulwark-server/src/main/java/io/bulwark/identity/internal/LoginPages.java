package io.bulwark.identity.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The server-rendered sign-in pages of a tenant issuer. Every value is HTML-escaped; the pages
 * carry no script and no inline style, so the chain's strict Content-Security-Policy holds.
 */
final class LoginPages {

  private LoginPages() {}

  static ResponseEntity<String> login(
      String tenantName, String action, CsrfToken csrf, boolean error) {
    return page(
        "Sign in to " + tenantName,
        (error ? "<p id=\"error\" role=\"alert\">Invalid username or password.</p>" : "")
            + "<form method=\"post\" action=\""
            + escape(action)
            + "\">"
            + "<label>Username <input id=\"username\" name=\"username\" autocomplete=\"username\""
            + " required autofocus></label>"
            + "<label>Password <input id=\"password\" name=\"password\" type=\"password\""
            + " autocomplete=\"current-password\" required></label>"
            + csrfField(csrf)
            + "<button id=\"sign-in\" type=\"submit\">Sign in</button></form>");
  }

  static ResponseEntity<String> otp(
      String tenantName, String action, CsrfToken csrf, boolean error) {
    return page(
        "Verification code for " + tenantName,
        (error ? "<p id=\"error\" role=\"alert\">That code is not valid.</p>" : "")
            + "<form method=\"post\" action=\""
            + escape(action)
            + "\">"
            + "<label>Code from your authenticator app, or a recovery code"
            + " <input id=\"code\" name=\"code\" autocomplete=\"one-time-code\""
            + " inputmode=\"numeric\" required autofocus></label>"
            + csrfField(csrf)
            + "<button id=\"verify\" type=\"submit\">Verify</button></form>");
  }

  static ResponseEntity<String> enroll(
      String tenantName,
      String action,
      CsrfToken csrf,
      String secret,
      String otpauthUri,
      boolean error) {
    return page(
        "Set up two-step verification for " + tenantName,
        (error ? "<p id=\"error\" role=\"alert\">That code is not valid.</p>" : "")
            + "<p>Scan this code with your authenticator app, or add the account with the link"
            + " or the key below, then enter the code it shows.</p>"
            + "<p>"
            + OtpauthQrCode.svg(otpauthUri)
            + "</p><p><a id=\"otpauth\" href=\""
            + escape(otpauthUri)
            + "\">"
            + escape(otpauthUri)
            + "</a></p><p>Key: <code id=\"secret\">"
            + escape(secret)
            + "</code></p><form method=\"post\" action=\""
            + escape(action)
            + "\"><label>Code <input id=\"code\" name=\"code\" autocomplete=\"one-time-code\""
            + " inputmode=\"numeric\" required autofocus></label>"
            + csrfField(csrf)
            + "<button id=\"verify\" type=\"submit\">Verify</button></form>");
  }

  /** Where a signed-in user's own second factor stands. */
  enum FactorState {
    /** No factor. */
    OFF,
    /** A factor the user may remove. */
    ON,
    /** A factor the tenant's policy requires of this user. */
    REQUIRED
  }

  static ResponseEntity<String> factor(
      String tenantName,
      String removeAction,
      String enrollUrl,
      CsrfToken csrf,
      FactorState state,
      boolean error,
      boolean removed) {
    String body =
        switch (state) {
          case OFF ->
              (removed ? "<p id=\"removed\" role=\"status\">Two-step verification is off.</p>" : "")
                  + "<p id=\"state\">Two-step verification is off.</p><p><a id=\"enroll\" href=\""
                  + escape(enrollUrl)
                  + "\">Set it up</a></p>";
          case REQUIRED ->
              "<p id=\"state\">Two-step verification is on. "
                  + escape(tenantName)
                  + " requires it for your account; an administrator can reset it if you lose"
                  + " your authenticator.</p>";
          case ON ->
              (error ? "<p id=\"error\" role=\"alert\">That code is not valid.</p>" : "")
                  + "<p id=\"state\">Two-step verification is on.</p>"
                  + "<form method=\"post\" action=\""
                  + escape(removeAction)
                  + "\"><label>To turn it off, enter a code from your authenticator app or a"
                  + " recovery code <input id=\"code\" name=\"code\""
                  + " autocomplete=\"one-time-code\" required autofocus></label>"
                  + csrfField(csrf)
                  + "<button id=\"remove\" type=\"submit\">Turn off</button></form>";
        };
    return page("Two-step verification for " + tenantName, body);
  }

  static ResponseEntity<String> recoveryCodes(List<String> codes, @Nullable String continueUrl) {
    StringBuilder list = new StringBuilder("<ol id=\"recovery-codes\">");
    codes.forEach(code -> list.append("<li><code>").append(escape(code)).append("</code></li>"));
    list.append("</ol>");
    return page(
        "Your recovery codes",
        "<p>Each code signs you in once if you lose your authenticator. They are shown only"
            + " now: keep them somewhere safe.</p>"
            + list
            + (continueUrl == null
                ? "<p>You are signed in.</p>"
                : "<p><a id=\"continue\" href=\"" + escape(continueUrl) + "\">Continue</a></p>"));
  }

  static ResponseEntity<String> signedIn(String tenantName) {
    return page("Signed in", "<p>You are signed in to " + escape(tenantName) + ".</p>");
  }

  static ResponseEntity<String> signedOut(String tenantName) {
    return page("Signed out", "<p>You are signed out of " + escape(tenantName) + ".</p>");
  }

  private static String csrfField(CsrfToken csrf) {
    return "<input type=\"hidden\" name=\""
        + escape(csrf.getParameterName())
        + "\" value=\""
        + escape(csrf.getToken())
        + "\">";
  }

  private static ResponseEntity<String> page(String title, String body) {
    String html =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + escape(title)
            + "</title></head><body><main><h1>"
            + escape(title)
            + "</h1>"
            + body
            + "</main></body></html>";
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .body(html);
  }

  private static String escape(String value) {
    return HtmlUtils.htmlEscape(value, "UTF-8");
  }
}
