package io.bulwark.secrets.internal;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP endpoint speaking the Cloud KMS REST API ({@code cryptoKeys.encrypt} and {@code
 * decrypt}, with the CRC32C integrity fields) and Google's OAuth 2.0 token endpoint for service
 * accounts (the RFC 7523 JWT-bearer grant), since the real KMS is out of reach of the build. It
 * holds one AES-256-GCM key per crypto key name, binding the additional authenticated data; it
 * answers KMS calls only with a bearer token it issued, and issues tokens only for an assertion
 * signed by its service account's key.
 */
final class GcpKmsEndpoint implements AutoCloseable {

  static final String SERVICE_ACCOUNT = "bulwark-kek@bulwark-test.iam.gserviceaccount.com";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CALL =
      Pattern.compile(
          "/v1/(projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/:]+):(\\w+)");

  private final HttpServer server;
  private final KeyPair serviceAccountKey = rsaKeyPair();
  private final Map<String, Aead> keys = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile @Nullable String answerEncryptionsAs;
  private volatile boolean corruptAnswers;

  /** A KMS call as the endpoint received it. */
  record Call(String method, String keyName, byte[] additionalAuthenticatedData) {}

  GcpKmsEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v1/", this::kms);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * A service-account key file as the Google Cloud console makes it, with its {@code token_uri} on
   * this endpoint.
   */
  String serviceAccountJson() {
    return serviceAccountJson(serviceAccountKey);
  }

  /** A key file of the same service account whose key this endpoint does not know. */
  String serviceAccountJsonWithAnUnknownKey() {
    return serviceAccountJson(rsaKeyPair());
  }

  /** The PKCS #8 private key in {@link #serviceAccountJson()}, base64 as the file holds it. */
  String privateKeyBase64() {
    return Base64.getEncoder().encodeToString(serviceAccountKey.getPrivate().getEncoded());
  }

  /** Credentials from {@link #serviceAccountJson()}, as Application Default Credentials read it. */
  GoogleCredentials credentials() throws IOException {
    return credentials(serviceAccountJson());
  }

  static GoogleCredentials credentials(String serviceAccountJson) throws IOException {
    return ServiceAccountCredentials.fromStream(
        new ByteArrayInputStream(serviceAccountJson.getBytes(StandardCharsets.UTF_8)));
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  List<String> issuedTokens() {
    return new ArrayList<>(issuedTokens);
  }

  int tokenRequests() {
    return tokenRequests.get();
  }

  /** From now on every token issued so far is refused, as after a revocation. */
  void revokeTokens() {
    validTokens.clear();
  }

  /** Encryption answers name a version of this key instead of the one asked for. */
  void answerEncryptionsAs(String keyName) {
    answerEncryptionsAs = keyName;
  }

  /** Answers carry a flipped byte that their checksum does not cover, as a corrupted reply. */
  void corruptAnswers() {
    corruptAnswers = true;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private String serviceAccountJson(KeyPair key) {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Map<String, String> file = new HashMap<>();
    file.put("type", "service_account");
    file.put("project_id", "bulwark-test");
    file.put("private_key_id", "0123456789abcdef");
    file.put("private_key", pem);
    file.put("client_email", SERVICE_ACCOUNT);
    file.put("client_id", "100000000000000000001");
    file.put("token_uri", uri() + "/token");
    return JSON.writeValueAsString(file);
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      tokenRequests.incrementAndGet();
      Map<String, String> form =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
          || !validAssertion(form.get("assertion"))) {
        send(
            exchange,
            400,
            Map.of("error", "invalid_grant", "error_description", "Invalid JWT Signature."));
        return;
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = "ya29.test-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      validTokens.add(token);
      issuedTokens.add(token);
      send(
          exchange, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 3600));
    }
  }

  private boolean validAssertion(@Nullable String assertion) {
    if (assertion == null) {
      return false;
    }
    try {
      SignedJWT jwt = SignedJWT.parse(assertion);
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      return jwt.verify(new RSASSAVerifier((RSAPublicKey) serviceAccountKey.getPublic()))
          && SERVICE_ACCOUNT.equals(claims.getIssuer())
          // the auth library signs for Google's token endpoint whatever token_uri says, as
          // Google's does expect
          && claims.getAudience().contains("https://oauth2.googleapis.com/token")
          && claims.getExpirationTime() != null
          && claims.getExpirationTime().after(new Date())
          && String.valueOf(claims.getClaim("scope")).contains(GcpKmsClient.SCOPE);
    } catch (ParseException | JOSEException e) {
      return false;
    }
  }

  private void kms(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null
          || !authorization.startsWith("Bearer ")
          || !validTokens.contains(authorization.substring("Bearer ".length()))) {
        error(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
        return;
      }
      Matcher call = CALL.matcher(exchange.getRequestURI().getRawPath());
      if (!"POST".equals(exchange.getRequestMethod()) || !call.matches()) {
        error(exchange, 404, "NOT_FOUND", "Unknown method");
        return;
      }
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      String keyName = call.group(1);
      byte[] aad = bytes(request, "additionalAuthenticatedData");
      calls.add(new Call(call.group(2), keyName, aad));
      if (request.has("additionalAuthenticatedDataCrc32c")
          && !request.path("additionalAuthenticatedDataCrc32c").asString().equals(crc32c(aad))) {
        error(exchange, 400, "INVALID_ARGUMENT", "The checksum in field aad did not match");
        return;
      }
      switch (call.group(2)) {
        case "encrypt" -> encrypt(exchange, keyName, request, aad);
        case "decrypt" -> decrypt(exchange, keyName, request, aad);
        default -> error(exchange, 404, "NOT_FOUND", "Unknown method");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private void encrypt(HttpExchange exchange, String keyName, JsonNode request, byte[] aad)
      throws IOException, GeneralSecurityException {
    byte[] plaintext = bytes(request, "plaintext");
    if (!request.path("plaintextCrc32c").asString("").equals(crc32c(plaintext))) {
      error(exchange, 400, "INVALID_ARGUMENT", "The checksum in field plaintext did not match");
      return;
    }
    byte[] ciphertext = key(keyName).encrypt(plaintext, aad);
    String checksum = crc32c(ciphertext);
    String answeredKey = answerEncryptionsAs == null ? keyName : answerEncryptionsAs;
    Map<String, Object> answer = new HashMap<>();
    answer.put("name", answeredKey + "/cryptoKeyVersions/1");
    answer.put("ciphertext", base64(corruptAnswers ? flipped(ciphertext) : ciphertext));
    answer.put("ciphertextCrc32c", checksum);
    answer.put("verifiedPlaintextCrc32c", true);
    answer.put(
        "verifiedAdditionalAuthenticatedDataCrc32c",
        request.has("additionalAuthenticatedDataCrc32c"));
    answer.put("protectionLevel", "SOFTWARE");
    send(exchange, 200, answer);
  }

  private void decrypt(HttpExchange exchange, String keyName, JsonNode request, byte[] aad)
      throws IOException, GeneralSecurityException {
    byte[] ciphertext = bytes(request, "ciphertext");
    if (!request.path("ciphertextCrc32c").asString("").equals(crc32c(ciphertext))) {
      error(exchange, 400, "INVALID_ARGUMENT", "The checksum in field ciphertext did not match");
      return;
    }
    byte[] plaintext;
    try {
      plaintext = key(keyName).decrypt(ciphertext, aad);
    } catch (GeneralSecurityException e) {
      error(
          exchange,
          400,
          "INVALID_ARGUMENT",
          "Decryption failed: verify that 'name' refers to the correct CryptoKey.");
      return;
    }
    send(
        exchange,
        200,
        Map.of(
            "plaintext",
            base64(corruptAnswers ? flipped(plaintext) : plaintext),
            "plaintextCrc32c",
            crc32c(plaintext),
            "usedPrimary",
            true,
            "protectionLevel",
            "SOFTWARE"));
  }

  private Aead key(String keyName) throws GeneralSecurityException {
    AeadConfig.register();
    Aead existing = keys.get(keyName);
    if (existing != null) {
      return existing;
    }
    Aead created =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    Aead raced = keys.putIfAbsent(keyName, created);
    return raced == null ? created : raced;
  }

  private static byte[] bytes(JsonNode request, String field) {
    return Base64.getDecoder().decode(request.path(field).asString(""));
  }

  private static byte[] flipped(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[0] ^= 1;
    return copy;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return Long.toString(crc.getValue());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(
        exchange,
        status,
        Map.of("error", Map.of("code", status, "message", message, "status", code)));
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
