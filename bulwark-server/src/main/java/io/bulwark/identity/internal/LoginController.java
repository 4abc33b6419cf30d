package io.bulwark.identity.internal;

import io.bulwark.platform.TenantContext;
import io.bulwark.platform.TenantId;
import io.bulwark.tenancy.Tenant;
import io.bulwark.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A tenant issuer's login and logout pages: the password step, then a TOTP code when the user has
 * enrolled, or enrollment when the tenant's policy requires MFA. Only a completed sign-in enters
 * the tenant's security context; until then the session holds a pending sign-in for at most five
 * minutes. The authorization endpoint sends unauthenticated browsers here and gets them back.
 */
@Controller
class LoginController {

  /** The factor authority of a TOTP code (or recovery code) as second factor. */
  static final String TOTP_AUTHORITY = "FACTOR_TOTP";

  private static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

  private final SignIn signIn;
  private final JdbcUserMfa mfa;
  private final Tenants tenants;
  private final TenantSessions.ContextRepository contexts = new TenantSessions.ContextRepository();
  private final TenantSessions.Requests requests = new TenantSessions.Requests();
  // A completed sign-in gets a new session id and a new CSRF token, as Spring's form login does.
  private final SessionAuthenticationStrategy fixation =
      new CompositeSessionAuthenticationStrategy(
          List.of(
              new ChangeSessionIdAuthenticationStrategy(),
              new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository())));

  LoginController(SignIn signIn, JdbcUserMfa mfa, Tenants tenants) {
    this.signIn = signIn;
    this.mfa = mfa;
    this.tenants = tenants;
  }

  /** A sign-in that passed the password and awaits its second factor. */
  record Pending(UUID userId, SignIn.Next next, Instant startedAt) implements Serializable {}

  @GetMapping("/t/{slug}/login")
  ResponseEntity<String> loginPage(
      @PathVariable("slug") String slug,
      @RequestParam(name = "error", required = false) @Nullable String error,
      CsrfToken csrf) {
    return LoginPages.login(tenant().displayName(), base(slug) + "/login", csrf, error != null);
  }

  @PostMapping("/t/{slug}/login")
  ResponseEntity<String> login(
      @PathVariable("slug") String slug,
      @RequestParam(name = "username", defaultValue = "") String username,
      @RequestParam(name = "password", defaultValue = "") String password,
      HttpServletRequest request,
      HttpServletResponse response) {
    TenantId tenant = tenant().id();
    if (username.length() > 100 || password.length() > 1024) {
      return redirect(base(slug) + "/login?error");
    }
    SignIn.Outcome outcome = signIn.password(tenant, username, password, client(request));
    return switch (outcome) {
      case SignIn.Failed failed -> redirect(base(slug) + "/login?error");
      case SignIn.Passed passed ->
          switch (passed.next()) {
            case DONE -> complete(request, response, passed.userId(), List.of("pwd"));
            case OTP -> pending(request, slug, passed, "/login/otp");
            case ENROLL -> pending(request, slug, passed, "/login/enroll");
          };
    };
  }

  @GetMapping("/t/{slug}/login/otp")
  ResponseEntity<String> otpPage(
      @PathVariable("slug") String slug,
      @RequestParam(name = "error", required = false) @Nullable String error,
      HttpServletRequest request,
      CsrfToken csrf) {
    if (pending(request, SignIn.Next.OTP).isEmpty()) {
      return redirect(base(slug) + "/login");
    }
    return LoginPages.otp(tenant().displayName(), base(slug) + "/login/otp", csrf, error != null);
  }

  @PostMapping("/t/{slug}/login/otp")
  ResponseEntity<String> otp(
      @PathVariable("slug") String slug,
      @RequestParam(name = "code", defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<Pending> pending = pending(request, SignIn.Next.OTP);
    if (pending.isEmpty()) {
      return redirect(base(slug) + "/login");
    }
    UUID user = pending.get().userId();
    if (code.length() > 64 || !signIn.secondFactor(tenant().id(), user, code, client(request))) {
      return redirect(base(slug) + "/login/otp?error");
    }
    return complete(request, response, user, List.of("pwd", "otp"));
  }

  @GetMapping("/t/{slug}/login/enroll")
  ResponseEntity<String> enrollPage(
      @PathVariable("slug") String slug,
      @RequestParam(name = "error", required = false) @Nullable String error,
      HttpServletRequest request,
      CsrfToken csrf) {
    Optional<UUID> user = enrolling(request);
    if (user.isEmpty()) {
      return redirect(base(slug) + "/login");
    }
    Tenant tenant = tenant();
    String secret = Totp.base32(mfa.beginEnrollment(tenant.id(), user.get()));
    String issuer =
        URLEncoder.encode(tenant.displayName(), StandardCharsets.UTF_8).replace("+", "%20");
    String uri =
        "otpauth://totp/"
            + issuer
            + ":"
            + user.get()
            + "?secret="
            + secret
            + "&issuer="
            + issuer
            + "&algorithm=SHA1&digits=6&period=30";
    return LoginPages.enroll(
        tenant.displayName(), base(slug) + "/login/enroll", csrf, secret, uri, error != null);
  }

  @PostMapping("/t/{slug}/login/enroll")
  ResponseEntity<String> enroll(
      @PathVariable("slug") String slug,
      @RequestParam(name = "code", defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response) {
    Optional<UUID> enrolling = enrolling(request);
    if (enrolling.isEmpty()) {
      return redirect(base(slug) + "/login");
    }
    TenantId tenant = tenant().id();
    UUID user = enrolling.get();
    boolean signedIn = pending(request, SignIn.Next.ENROLL).isEmpty();
    SignIn.Client client = client(request);
    Optional<List<String>> codes =
        code.length() > 64 ? Optional.empty() : mfa.confirmEnrollment(tenant, user, code, client);
    if (codes.isEmpty()) {
      signIn.record(tenant, "mfa.failed", false, user, "bad_code", client);
      return redirect(base(slug) + "/login/enroll?error");
    }
    if (signedIn) {
      // A signed-in user turned on MFA: the sign-in itself stays as it was (amr unchanged).
      return LoginPages.recoveryCodes(codes.get(), null);
    }
    String next = signInAndTakeSavedRequest(request, response, user, List.of("pwd", "otp"));
    return LoginPages.recoveryCodes(codes.get(), next);
  }

  /**
   * Who may enroll now: a sign-in that the policy sent to enrollment, or a user signed in to this
   * tenant without a factor yet (self-service, when the policy leaves MFA optional).
   */
  private Optional<UUID> enrolling(HttpServletRequest request) {
    Optional<Pending> pending = pending(request, SignIn.Next.ENROLL);
    if (pending.isPresent()) {
      return Optional.of(pending.get().userId());
    }
    return signedInUser(request).filter(user -> !mfa.enrolled(tenant().id(), user));
  }

  /** The user signed in to this tenant's issuer in this session, if any. */
  private Optional<UUID> signedInUser(HttpServletRequest request) {
    Authentication current = contexts.loadDeferredContext(request).get().getAuthentication();
    if (!(current instanceof UsernamePasswordAuthenticationToken) || !current.isAuthenticated()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(current.getName()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A signed-in user's own two-step verification: on or off, and the form that turns it off (with a
   * current code) unless the tenant's policy requires it of this user.
   */
  @GetMapping("/t/{slug}/login/mfa")
  ResponseEntity<String> mfaPage(
      @PathVariable("slug") String slug,
      @RequestParam(name = "error", required = false) @Nullable String error,
      @RequestParam(name = "removed", required = false) @Nullable String removed,
      HttpServletRequest request,
      CsrfToken csrf) {
    Optional<UUID> user = signedInUser(request);
    if (user.isEmpty()) {
      return redirect(base(slug) + "/login");
    }
    Tenant tenant = tenant();
    LoginPages.FactorState state =
        !mfa.enrolled(tenant.id(), user.get())
            ? LoginPages.FactorState.OFF
            : signIn.mfaRequired(tenant.id(), user.get())
                ? LoginPages.FactorState.REQUIRED
                : LoginPages.FactorState.ON;
    return LoginPages.factor(
        tenant.displayName(),
        base(slug) + "/login/mfa",
        base(slug) + "/login/enroll",
        csrf,
        state,
        error != null,
        removed != null);
  }

  @PostMapping("/t/{slug}/login/mfa")
  ResponseEntity<String> removeFactor(
      @PathVariable("slug") String slug,
      @RequestParam(name = "code", defaultValue = "") String code,
      HttpServletRequest request) {
    Optional<UUID> user = signedInUser(request);
    if (user.isEmpty()) {
      return redirect(base(slug) + "/login");
    }
    TenantId tenant = tenant().id();
    SignIn.Client client = client(request);
    if (signIn.mfaRequired(tenant, user.get()) || !mfa.enrolled(tenant, user.get())) {
      return redirect(base(slug) + "/login/mfa");
    }
    // A current code proves the factor is at hand, not only the session; wrong codes count
    // against the account like wrong passwords.
    if (code.length() > 64 || !signIn.secondFactor(tenant, user.get(), code, client)) {
      return redirect(base(slug) + "/login/mfa?error");
    }
    mfa.removeOwnFactor(tenant, user.get(), client);
    return redirect(base(slug) + "/login/mfa?removed");
  }

  @PostMapping("/t/{slug}/logout")
  ResponseEntity<String> logout(
      @PathVariable("slug") String slug, HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      TenantId tenant = tenant().id();
      Authentication current = contexts.loadDeferredContext(request).get().getAuthentication();
      if (current instanceof UsernamePasswordAuthenticationToken && current.isAuthenticated()) {
        signIn.record(
            tenant,
            "logout.succeeded",
            true,
            UUID.fromString(current.getName()),
            null,
            client(request));
      }
      session.removeAttribute(TenantSessions.contextKey(tenant));
      session.removeAttribute(TenantSessions.pendingKey(tenant));
    }
    SecurityContextHolder.clearContext();
    return LoginPages.signedOut(tenant().displayName());
  }

  private ResponseEntity<String> pending(
      HttpServletRequest request, String slug, SignIn.Passed passed, String page) {
    request
        .getSession()
        .setAttribute(
            TenantSessions.pendingKey(tenant().id()),
            new Pending(passed.userId(), passed.next(), Instant.now()));
    return redirect(base(slug) + page);
  }

  private Optional<Pending> pending(HttpServletRequest request, SignIn.Next next) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(TenantSessions.pendingKey(tenant().id())) instanceof Pending p)) {
      return Optional.empty();
    }
    if (p.next() != next || p.startedAt().plus(PENDING_LIFETIME).isBefore(Instant.now())) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  private ResponseEntity<String> complete(
      HttpServletRequest request, HttpServletResponse response, UUID user, List<String> amr) {
    String next = signInAndTakeSavedRequest(request, response, user, amr);
    return next == null ? LoginPages.signedIn(tenant().displayName()) : redirect(next);
  }

  private @Nullable String signInAndTakeSavedRequest(
      HttpServletRequest request, HttpServletResponse response, UUID user, List<String> amr) {
    TenantId tenant = tenant().id();
    Authentication authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            user.toString(),
            null,
            amr.stream()
                .map(method ->
                    FactorGrantedAuthority.fromAuthority(
                        method.equals("otp")
                            ? TOTP_AUTHORITY
                            : FactorGrantedAuthority.PASSWORD_AUTHORITY))
                .toList());
    fixation.onAuthentication(authentication, request, response);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    request.getSession().removeAttribute(TenantSessions.pendingKey(tenant));
    signIn.record(tenant, "login.succeeded", true, user, String.join(" ", amr), client(request));
    SavedRequest saved = requests.getRequest(request, response);
    if (saved == null) {
      return null;
    }
    requests.removeRequest(request, response);
    return saved.getRedirectUrl();
  }

  private Tenant tenant() {
    TenantId id =
        TenantContext.current().orElseThrow(() -> new IllegalStateException("no tenant bound"));
    return tenants.find(id).orElseThrow(() -> new IllegalStateException("tenant vanished"));
  }

  private static String base(String slug) {
    return "/t/" + slug;
  }

  private static SignIn.Client client(HttpServletRequest request) {
    String agent = request.getHeader("User-Agent");
    return new SignIn.Client(
        request.getRemoteAddr(),
        agent == null ? null : agent.substring(0, Math.min(agent.length(), 512)));
  }

  private static ResponseEntity<String> redirect(String location) {
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location)).build();
  }
}
