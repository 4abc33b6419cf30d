package io.bulwark.redact.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Generates the labelled evaluation corpus: realistic log, JSON and prose lines with positives of
 * every built-in type at known spans, and hard negatives that look sensitive but are not (order
 * numbers failing Luhn, versions, UUIDs, timestamps, hashes, phone-like counters, placeholders).
 * Deterministic for a seed; nothing is committed but this generator.
 */
public final class EvaluationCorpus {

  /** A labelled span. */
  public record Label(String type, int start, int end) {}

  /** One corpus line with its labels; {@code kind} names the template family for diagnostics. */
  public record LabelledLine(String kind, String text, List<Label> labels) {}

  private final Random random;
  private final List<LabelledLine> lines = new ArrayList<>();

  private EvaluationCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** At least {@code count} lines generated from {@code seed}. */
  public static List<LabelledLine> generate(long seed, int count) {
    var corpus = new EvaluationCorpus(seed);
    while (corpus.lines.size() < count) {
      corpus.round();
    }
    return List.copyOf(corpus.lines);
  }

  /** Builds a line while recording label spans. */
  private static final class Line {
    private final StringBuilder text = new StringBuilder();
    private final List<Label> labels = new ArrayList<>();

    Line t(String s) {
      text.append(s);
      return this;
    }

    Line v(String type, String value) {
      int start = text.length();
      text.append(value);
      labels.add(new Label(type, start, text.length()));
      return this;
    }
  }

  private void add(String kind, Consumer<Line> body) {
    Line line = new Line();
    body.accept(line);
    lines.add(new LabelledLine(kind, line.text.toString(), List.copyOf(line.labels)));
  }

  // ---------------------------------------------------------------- contexts

  private String ts() {
    return String.format(
        "2024-%02d-%02dT%02d:%02d:%02d.%03dZ",
        1 + random.nextInt(12),
        1 + random.nextInt(28),
        random.nextInt(24),
        random.nextInt(60),
        random.nextInt(60),
        random.nextInt(1000));
  }

  private String logPrefix() {
    String[] levels = {"INFO ", "DEBUG", "WARN ", "ERROR"};
    String[] loggers = {
      "c.a.billing.PaymentService", "io.acme.users.UserController",
          "o.s.web.servlet.DispatcherServlet",
      "c.a.crm.ContactSync", "io.acme.auth.TokenFilter", "c.a.ehr.PatientRepository"
    };
    return ts()
        + " "
        + pick(levels)
        + " [http-nio-8080-exec-"
        + (1 + random.nextInt(20))
        + "] "
        + pick(loggers)
        + " - ";
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private String digits(int n) {
    var sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  private String alnum(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    var sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private String upperAlnum(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private String hex(int n) {
    byte[] bytes = new byte[(n + 1) / 2];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, n);
  }

  private String b64url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private String b64url(String s) {
    return b64url(s.getBytes(StandardCharsets.UTF_8));
  }

  private String name() {
    String[] names = {
      "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
      "oscar", "peggy", "trent", "victor", "walter"
    };
    return pick(names);
  }

  // ---------------------------------------------------------------- values

  private String email() {
    String[] domains = {
      "example.com", "acme.io", "mail.example.co.uk", "gmail.com", "corp.acme-health.org", "uni.edu"
    };
    String[] shapes = {"%s.%s", "%s_%s", "%s%s", "%s+%s", "%s.%s"};
    String local = String.format(pick(shapes), name(), random.nextBoolean() ? name() : digits(2));
    return local + "@" + pick(domains);
  }

  private static int luhnCheckDigit(String payload) {
    int sum = 0;
    boolean dbl = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int d = payload.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  private String cardDigits(boolean valid) {
    String prefix;
    int length;
    switch (random.nextInt(5)) {
      case 0 -> {
        prefix = "4";
        length = 16;
      }
      case 1 -> {
        prefix = "5" + (1 + random.nextInt(5));
        length = 16;
      }
      case 2 -> {
        prefix = random.nextBoolean() ? "34" : "37";
        length = 15;
      }
      case 3 -> {
        prefix = "6011";
        length = 16;
      }
      default -> {
        prefix = "2" + (221 + random.nextInt(499));
        length = 16;
      }
    }
    String payload = prefix + digits(length - prefix.length() - 1);
    int check = luhnCheckDigit(payload);
    if (!valid) {
      check = (check + 1 + random.nextInt(9)) % 10;
    }
    return payload + check;
  }

  private String groupCard(String d, String sep) {
    if (sep.isEmpty()) {
      return d;
    }
    if (d.length() == 15) {
      return d.substring(0, 4) + sep + d.substring(4, 10) + sep + d.substring(10);
    }
    return d.substring(0, 4)
        + sep
        + d.substring(4, 8)
        + sep
        + d.substring(8, 12)
        + sep
        + d.substring(12);
  }

  private String card(boolean valid) {
    return groupCard(cardDigits(valid), pick(new String[] {"", " ", "-"}));
  }

  private String iban(boolean valid, boolean grouped) {
    String[][] countries = {
      {"DE", "n18"}, {"GB", "a4n14"}, {"FR", "n23"}, {"NL", "a4n10"}, {"ES", "n20"},
      {"IT", "a1n22"}, {"CH", "n17"}, {"BE", "n12"}, {"AT", "n16"}, {"PL", "n24"}
    };
    String[] country = pick(countries);
    String spec = country[1];
    String bban;
    if (spec.startsWith("a")) {
      int letters = spec.charAt(1) - '0';
      int nums = Integer.parseInt(spec.substring(3));
      var sb = new StringBuilder();
      for (int i = 0; i < letters; i++) {
        sb.append((char) ('A' + random.nextInt(26)));
      }
      bban = sb + digits(nums);
    } else {
      bban = digits(Integer.parseInt(spec.substring(1)));
    }
    String rearranged = bban + country[0] + "00";
    var numeric = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      numeric.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
    }
    int check =
        98
            - new java.math.BigInteger(numeric.toString())
                .mod(java.math.BigInteger.valueOf(97))
                .intValue();
    if (!valid) {
      check = (check + 1 + random.nextInt(50)) % 97 + 2;
      if (check > 98) {
        check = 2;
      }
    }
    String iban = country[0] + String.format("%02d", check) + bban;
    if (!grouped) {
      return iban;
    }
    var sb = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(iban, i, Math.min(iban.length(), i + 4));
    }
    return sb.toString();
  }

  private String ssn(String sep) {
    int area = 1 + random.nextInt(899);
    if (area == 666) {
      area = 667;
    }
    return String.format(
        "%03d%s%02d%s%04d", area, sep, 1 + random.nextInt(99), sep, 1 + random.nextInt(9999));
  }

  private String phone() {
    int area = 201 + random.nextInt(700);
    String line = digits(4);
    return switch (random.nextInt(9)) {
      case 0 -> "+1 " + area + " 555 " + line;
      case 1 -> "+1" + area + "555" + line;
      case 2 -> "(" + area + ") 555-" + line;
      case 3 -> area + "-555-" + line;
      case 4 -> area + ".555." + line;
      case 5 -> "+44 20 7946 " + digits(4);
      case 6 -> "+49 30 " + digits(7);
      case 7 -> "+33 6 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
      default -> "1-800-555-" + line;
    };
  }

  private String ipv4() {
    return (1 + random.nextInt(223))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private String ipv6() {
    return switch (random.nextInt(4)) {
      case 0 -> "2001:db8:" + hex(4) + ":" + hex(3) + "::" + hex(2);
      case 1 -> "fe80::" + hex(4) + ":" + hex(4) + ":" + hex(4) + ":" + hex(4);
      case 2 -> String.join(":", hex(4), hex(4), hex(4), hex(4), hex(4), hex(4), hex(4), hex(4));
      default -> "::ffff:" + ipv4();
    };
  }

  private String mac() {
    String sep = random.nextBoolean() ? ":" : "-";
    var parts = new ArrayList<String>();
    for (int i = 0; i < 6; i++) {
      parts.add(hex(2));
    }
    String mac = String.join(sep, parts);
    return random.nextBoolean() ? mac.toUpperCase() : mac;
  }

  private String jwt() {
    String[] algs = {"HS256", "RS256", "ES256", "PS512"};
    String header = b64url("{\"alg\":\"" + pick(algs) + "\",\"typ\":\"JWT\"}");
    String payload =
        b64url(
            "{\"sub\":\""
                + digits(8)
                + "\",\"iss\":\"https://id.acme.io\",\"exp\":"
                + (1700000000 + random.nextInt(99999999))
                + "}");
    byte[] sig = new byte[32 + random.nextInt(2) * 32];
    random.nextBytes(sig);
    return header + "." + payload + "." + b64url(sig);
  }

  private String opaqueToken() {
    return alnum(20 + random.nextInt(24));
  }

  private String basicCredentials() {
    return Base64.getEncoder()
        .encodeToString((name() + ":" + alnum(10)).getBytes(StandardCharsets.UTF_8));
  }

  private String privateKey(String newline) {
    String[] labels = {
      "RSA PRIVATE KEY",
      "PRIVATE KEY",
      "EC PRIVATE KEY",
      "OPENSSH PRIVATE KEY",
      "ENCRYPTED PRIVATE KEY"
    };
    String label = pick(labels);
    byte[] body = new byte[48 * (2 + random.nextInt(4))];
    random.nextBytes(body);
    String b64 = Base64.getEncoder().encodeToString(body);
    var sb = new StringBuilder("-----BEGIN ").append(label).append("-----");
    for (int i = 0; i < b64.length(); i += 64) {
      sb.append(newline).append(b64, i, Math.min(b64.length(), i + 64));
    }
    return sb.append(newline).append("-----END ").append(label).append("-----").toString();
  }

  private String apiKey() {
    return switch (random.nextInt(11)) {
      case 0 -> "AKIA" + upperAlnum(16);
      case 1 -> "ASIA" + upperAlnum(16);
      case 2 -> "ghp_" + alnum(36);
      case 3 -> "github_pat_" + alnum(22) + "_" + alnum(59);
      case 4 -> "glpat-" + alnum(20);
      case 5 -> "xoxb-" + digits(12) + "-" + digits(13) + "-" + alnum(24);
      case 6 -> "sk_live_" + alnum(24 + random.nextInt(75));
      case 7 -> "AIza" + alnum(35);
      case 8 -> "npm_" + alnum(36);
      case 9 -> "SG." + alnum(22) + "." + alnum(43);
      default -> "sk-proj-" + alnum(48);
    };
  }

  private String password() {
    String[] shapes = {
      "hunter2", "Summer2024!", "correct-horse-battery", "P@ssw0rd123", "s3cr3t", "Tr0ub4dor&3"
    };
    return random.nextInt(3) == 0 ? pick(shapes) : alnum(8 + random.nextInt(16));
  }

  private String dob() {
    int y = 1930 + random.nextInt(80);
    int m = 1 + random.nextInt(12);
    int d = 1 + random.nextInt(28);
    return switch (random.nextInt(3)) {
      case 0 -> String.format("%04d-%02d-%02d", y, m, d);
      case 1 -> String.format("%02d/%02d/%04d", m, d, y);
      default -> String.format("%02d.%02d.%04d", d, m, y);
    };
  }

  // ---------------------------------------------------------------- one round of templates

  private void round() {
    positives();
    negatives();
  }

  private void positives() {
    add(
        "email-log",
        l -> l.t(logPrefix() + "user registered email=").v("EMAIL", email()).t(" plan=pro"));
    add(
        "email-json",
        l ->
            l.t("{\"ts\":\"" + ts() + "\",\"event\":\"invite.sent\",\"to\":\"")
                .v("EMAIL", email())
                .t("\",\"tenant\":\"acme\"}"));
    add(
        "email-prose",
        l -> l.t("Please contact ").v("EMAIL", email()).t(" if the export fails again."));

    add(
        "phone-log",
        l ->
            l.t(logPrefix() + "sms verification sent to ")
                .v("PHONE", phone())
                .t(" attempt=" + random.nextInt(3)));
    add(
        "phone-json",
        l ->
            l.t("{\"name\":\"" + name() + "\",\"phone\":\"")
                .v("PHONE", phone())
                .t("\",\"verified\":true}"));
    add(
        "phone-prose",
        l ->
            l.t("Customer asked to be called back on ")
                .v("PHONE", phone())
                .t(" tomorrow morning."));

    add(
        "card-log",
        l ->
            l.t(logPrefix() + "charge failed for card ")
                .v("CREDIT_CARD", card(true))
                .t(" reason=insufficient_funds"));
    add(
        "card-json",
        l ->
            l.t("{\"payment\":{\"pan\":\"")
                .v("CREDIT_CARD", card(true))
                .t(
                    "\",\"exp\":\"0"
                        + (1 + random.nextInt(9))
                        + "/2"
                        + random.nextInt(10)
                        + "\"}}"));
    add(
        "card-prose",
        l ->
            l.t("My card number is ")
                .v("CREDIT_CARD", card(true))
                .t(", can you check the refund?"));

    add(
        "iban-log",
        l ->
            l.t(logPrefix() + "payout scheduled to ")
                .v("IBAN", iban(true, random.nextBoolean()))
                .t(" amount=" + random.nextInt(9999) + ".00 EUR"));
    add(
        "iban-json",
        l ->
            l.t("{\"beneficiary\":\"" + name() + "\",\"iban\":\"")
                .v("IBAN", iban(true, random.nextBoolean()))
                .t("\"}"));
    add(
        "iban-prose",
        l ->
            l.t("Please wire the deposit to ")
                .v("IBAN", iban(true, random.nextBoolean()))
                .t(" before Friday."));

    add(
        "ssn-log",
        l -> l.t(logPrefix() + "identity check ssn=").v("US_SSN", ssn("-")).t(" result=match"));
    add(
        "ssn-json",
        l ->
            l.t("{\"applicant\":{\"ssn\":\"")
                .v("US_SSN", ssn(random.nextBoolean() ? "-" : ""))
                .t("\",\"state\":\"CA\"}}"));
    add(
        "ssn-prose",
        l ->
            l.t("Her social security number is ")
                .v("US_SSN", ssn(random.nextBoolean() ? "-" : " "))
                .t("."));

    add(
        "ip-log",
        l ->
            l.t(logPrefix() + "login from ")
                .v("IP_ADDRESS", random.nextBoolean() ? ipv4() : ipv6())
                .t(" user=" + name()));
    add(
        "ip-json",
        l ->
            l.t("{\"remote_addr\":\"")
                .v("IP_ADDRESS", random.nextBoolean() ? ipv4() : ipv6())
                .t("\",\"status\":200}"));
    add(
        "ip-prose",
        l -> l.t("Traffic spiked from ").v("IP_ADDRESS", ipv4()).t(" during the incident."));

    add(
        "mac-log",
        l -> l.t(logPrefix() + "device registered mac=").v("MAC_ADDRESS", mac()).t(" vendor=acme"));
    add("mac-json", l -> l.t("{\"device\":{\"mac\":\"").v("MAC_ADDRESS", mac()).t("\"}}"));

    add(
        "jwt-log",
        l -> l.t(logPrefix() + "refreshing session id_token=").v("JWT", jwt()).t(" ttl=3600"));
    add(
        "jwt-json",
        l -> l.t("{\"session\":\"").v("JWT", jwt()).t("\",\"user\":\"" + name() + "\"}"));
    add("jwt-prose", l -> l.t("The token ").v("JWT", jwt()).t(" was rejected by the gateway."));

    add(
        "auth-bearer",
        l ->
            l.t(logPrefix() + "outbound request headers: Authorization: Bearer ")
                .v("AUTH_HEADER", random.nextBoolean() ? opaqueToken() : jwt())
                .t(", Accept: */*"));
    add(
        "auth-basic",
        l ->
            l.t(logPrefix() + "proxy auth header Authorization: Basic ")
                .v("AUTH_HEADER", basicCredentials()));
    add(
        "auth-json",
        l ->
            l.t("{\"headers\":{\"authorization\":\"Bearer ")
                .v("AUTH_HEADER", opaqueToken())
                .t("\",\"host\":\"api.acme.io\"}}"));

    add(
        "key-log",
        l ->
            l.t(logPrefix() + "loaded private key ")
                .v("PRIVATE_KEY", privateKey("\\n"))
                .t(" for signing"));
    add(
        "key-json",
        l ->
            l.t("{\"kid\":\"" + hex(8) + "\",\"pem\":\"")
                .v("PRIVATE_KEY", privateKey("\\n"))
                .t("\"}"));
    add(
        "key-multiline",
        l -> l.t("config dump:\n").v("PRIVATE_KEY", privateKey("\n")).t("\nend of dump"));

    add(
        "api-log",
        l -> l.t(logPrefix() + "using credential ").v("API_KEY", apiKey()).t(" for upstream"));
    add(
        "api-json",
        l -> l.t("{\"integration\":\"ci\",\"credential\":\"").v("API_KEY", apiKey()).t("\"}"));
    add("api-env", l -> l.t("export TOKEN_VALUE=").v("API_KEY", apiKey()));
    add(
        "api-aws-secret",
        l -> l.t("aws_secret_access_key = ").v("API_KEY", alnum(30) + "/" + alnum(9)));

    add(
        "password-log",
        l ->
            l.t(logPrefix() + "connecting user=" + name() + " password=")
                .v("PASSWORD", password())
                .t(" host=db01"));
    add(
        "password-json",
        l ->
            l.t("{\"username\":\"" + name() + "\",\"password\":\"")
                .v("PASSWORD", password())
                .t("\"}"));
    add(
        "password-url",
        l ->
            l.t("GET /oauth/callback?code=abc&access_token=")
                .v("PASSWORD", alnum(32))
                .t("&state=xyz HTTP/1.1"));
    add(
        "password-header",
        l -> l.t(logPrefix() + "request header X-Api-Key: ").v("PASSWORD", alnum(32)));
    add("password-yaml", l -> l.t("  client_secret: ").v("PASSWORD", alnum(24)));

    add(
        "url-creds",
        l ->
            l.t(logPrefix() + "datasource url=postgres://")
                .v("URL_CREDENTIALS", name() + ":" + password().replace("@", "").replace("/", ""))
                .t("@db.internal:5432/app"));
    add(
        "url-creds-https",
        l ->
            l.t("cloning https://")
                .v("URL_CREDENTIALS", name() + ":" + alnum(12))
                .t("@git.acme.io/team/repo.git"));

    add(
        "dob-log",
        l -> l.t(logPrefix() + "patient intake dob=").v("DATE_OF_BIRTH", dob()).t(" ward=4B"));
    add("dob-json", l -> l.t("{\"patient\":{\"birthDate\":\"").v("DATE_OF_BIRTH", dob()).t("\"}}"));
    add(
        "dob-prose",
        l -> l.t("The patient was born on ").v("DATE_OF_BIRTH", dob()).t(" in Springfield."));

    add(
        "mrn-log",
        l ->
            l.t(logPrefix() + "chart opened MRN: ")
                .v("MEDICAL_RECORD_NUMBER", digits(8))
                .t(" by dr." + name()));
    add(
        "mrn-json",
        l ->
            l.t("{\"mrn\":\"")
                .v("MEDICAL_RECORD_NUMBER", "MR-" + digits(7))
                .t("\",\"ward\":\"ICU\"}"));
    add(
        "mrn-prose",
        l ->
            l.t("Medical record number ")
                .v("MEDICAL_RECORD_NUMBER", digits(8))
                .t(" was merged into the new chart."));

    add(
        "mixed",
        l ->
            l.t(logPrefix() + "order placed by ")
                .v("EMAIL", email())
                .t(" card ")
                .v("CREDIT_CARD", card(true))
                .t(" from ")
                .v("IP_ADDRESS", ipv4()));
  }

  private void negatives() {
    add(
        "neg-order",
        l ->
            l.t(
                logPrefix()
                    + "order "
                    + card(false)
                    + " shipped in "
                    + random.nextInt(9)
                    + " boxes"));
    add(
        "neg-order-json",
        l ->
            l.t(
                "{\"order_id\":\""
                    + cardDigits(false)
                    + "\",\"total\":"
                    + random.nextInt(999)
                    + "}"));
    add(
        "neg-version",
        l ->
            l.t(
                logPrefix()
                    + "starting acme-server v"
                    + random.nextInt(5)
                    + "."
                    + random.nextInt(20)
                    + "."
                    + random.nextInt(30)
                    + " on java 21.0."
                    + random.nextInt(9)));
    add(
        "neg-version-4",
        l ->
            l.t(
                "Windows build 10.0."
                    + (10000 + random.nextInt(9999))
                    + "."
                    + random.nextInt(3000)
                    + ", app version "
                    + random.nextInt(9)
                    + "."
                    + random.nextInt(9)
                    + "."
                    + random.nextInt(9)
                    + "."
                    + random.nextInt(99)));
    add(
        "neg-uuid",
        l ->
            l.t(
                logPrefix()
                    + "request_id="
                    + UUID.randomUUID()
                    + " trace="
                    + hex(32)
                    + " span="
                    + hex(16)));
    add(
        "neg-timestamps",
        l ->
            l.t(
                ts()
                    + " scheduler tick at "
                    + (1700000000000L + random.nextInt(99999999))
                    + " next="
                    + String.format(
                        "%02d:%02d:%02d",
                        random.nextInt(24), random.nextInt(60), random.nextInt(60))));
    add(
        "neg-hash",
        l ->
            l.t(
                logPrefix()
                    + "artifact sha256="
                    + hex(64)
                    + " md5="
                    + hex(32)
                    + " commit "
                    + hex(40)));
    add("neg-docker", l -> l.t("pulling image registry.acme.io/api@sha256:" + hex(64)));
    add(
        "neg-counter",
        l ->
            l.t(
                logPrefix()
                    + "processed "
                    + digits(10)
                    + " bytes, rows="
                    + digits(9)
                    + " offset="
                    + digits(7)));
    add(
        "neg-counter-2",
        l ->
            l.t(
                "metrics: requests_total="
                    + (1000000000L + random.nextInt(999999999))
                    + " errors_total="
                    + random.nextInt(9999)
                    + " p99="
                    + random.nextInt(999)
                    + "ms"));
    add(
        "neg-iban-bad",
        l -> l.t("reference " + iban(false, random.nextBoolean()) + " rejected by validator"));
    add(
        "neg-ssn-bad",
        l ->
            l.t(
                "test fixture ids 000-"
                    + digits(2)
                    + "-"
                    + digits(4)
                    + ", 666-"
                    + digits(2)
                    + "-"
                    + digits(4)
                    + ", 9"
                    + digits(2)
                    + "-"
                    + digits(2)
                    + "-"
                    + digits(4)));
    add(
        "neg-email-like",
        l ->
            l.t(
                logPrefix()
                    + "bean com.acme.Foo@"
                    + hex(8)
                    + " bound; ssh root@localhost; ping @"
                    + name()));
    add(
        "neg-jwt-like",
        l ->
            l.t(
                "header eyJhbGciOi truncated; cursor=eyJ"
                    + alnum(6)
                    + " page="
                    + random.nextInt(99)));
    add(
        "neg-auth-prose",
        l ->
            l.t(
                "Basic authentication is deprecated; the Bearer of this letter is authorized; bearer token missing"));
    add(
        "neg-password-prose",
        l ->
            l.t(
                logPrefix()
                    + "password policy updated: min length "
                    + (8 + random.nextInt(8))
                    + ", password_reset_requested for "
                    + name()));
    add(
        "neg-password-placeholder",
        l ->
            l.t(
                "password=${DB_PASSWORD} secret: <changeme> \"token\": null api_key=******** passwd=\"\""));
    add(
        "neg-dates",
        l ->
            l.t(
                logPrefix()
                    + "invoice created 2024-0"
                    + (1 + random.nextInt(9))
                    + "-1"
                    + random.nextInt(9)
                    + " due "
                    + String.format(
                        "%02d/%02d/2024", 1 + random.nextInt(12), 1 + random.nextInt(28))));
    add(
        "neg-records",
        l ->
            l.t(
                logPrefix()
                    + "synced "
                    + digits(8)
                    + " records from partition "
                    + random.nextInt(64)));
    add(
        "neg-times",
        l ->
            l.t(
                "uptime "
                    + random.nextInt(99)
                    + ":"
                    + String.format("%02d:%02d", random.nextInt(60), random.nextInt(60))
                    + " load 0."
                    + random.nextInt(99)
                    + " mem 12:34:56.789"));
    add("neg-hex-pairs", l -> l.t("flags ab:cd:ef and 0a-1b-2c, color #a1b2c3, ratio 16:9"));
    add(
        "neg-placeholder-keys",
        l ->
            l.t(
                "example keys: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx sk_test_your_key_here AKIAXXXXXXXXXXXXXXXX"));
    add(
        "neg-clean",
        l ->
            l.t(
                logPrefix()
                    + "GET /api/v1/tenants/acme/orders?page="
                    + random.nextInt(40)
                    + "&size=50 completed status=200 duration="
                    + random.nextInt(900)
                    + "ms"));
    add(
        "neg-clean-json",
        l ->
            l.t(
                "{\"@timestamp\":\""
                    + ts()
                    + "\",\"level\":\"INFO\",\"logger\":\"io.acme.audit.Ingest\",\"message\":\"appended batch\",\"size\":"
                    + random.nextInt(999)
                    + ",\"tree_size\":"
                    + digits(7)
                    + "}"));
    add(
        "neg-prose",
        l ->
            l.t(
                "The quarterly report covers "
                    + random.nextInt(40)
                    + " regions and "
                    + digits(5)
                    + " customers; see section 4.2.1 for methodology."));
    add(
        "neg-phone-like",
        l ->
            l.t(
                "build #"
                    + digits(5)
                    + " took "
                    + digits(4)
                    + " ms, artifact size "
                    + digits(10)
                    + " bytes, port "
                    + (1024 + random.nextInt(60000))));
  }
}
