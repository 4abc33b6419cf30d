package io.bulwark.secrets.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP endpoint speaking the AWS KMS JSON 1.1 protocol ({@code TrentService.Encrypt} and
 * {@code Decrypt}) for the AWS SDK to call, since the real KMS is out of reach of the build. It
 * holds one AES-256-GCM key per key ARN; a ciphertext blob names its key and binds the encryption
 * context, as KMS's does. It refuses requests not signed with SigV4 by the expected access key.
 */
final class AwsKmsEndpoint implements AutoCloseable {

  static final String ACCESS_KEY = "AKIABULWARKTEST";
  static final String SECRET_KEY = "bulwark-test-secret-access-key";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final Map<String, Aead> keys = new ConcurrentHashMap<>();
  private final List<Map<String, String>> contexts = new CopyOnWriteArrayList<>();

  AwsKmsEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The encryption contexts of every call so far, in order. */
  List<Map<String, String>> contexts() {
    return new ArrayList<>(contexts);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null
          || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
          || !authorization.contains("/kms/aws4_request")) {
        error(exchange, 400, "UnrecognizedClientException", "The security token is invalid");
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      Map<String, String> context = new TreeMap<>();
      JsonNode given = request.path("EncryptionContext");
      for (String name : given.propertyNames()) {
        context.put(name, given.get(name).asString());
      }
      contexts.add(context);
      byte[] associated = JSON.writeValueAsBytes(context);
      switch (target) {
        case "TrentService.Encrypt" -> encrypt(exchange, request, associated);
        case "TrentService.Decrypt" -> decrypt(exchange, request, associated);
        case null, default -> error(exchange, 400, "UnknownOperationException", "Unknown");
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private void encrypt(HttpExchange exchange, JsonNode request, byte[] associated)
      throws IOException, GeneralSecurityException {
    String keyId = request.path("KeyId").asString();
    byte[] plaintext = Base64.getDecoder().decode(request.path("Plaintext").asString());
    byte[] arn = keyId.getBytes(StandardCharsets.UTF_8);
    byte[] sealed = key(keyId).encrypt(plaintext, associated);
    ByteBuffer blob = ByteBuffer.allocate(2 + arn.length + sealed.length);
    blob.putShort((short) arn.length).put(arn).put(sealed);
    answer(
        exchange,
        Map.of(
            "CiphertextBlob",
            Base64.getEncoder().encodeToString(blob.array()),
            "KeyId",
            keyId,
            "EncryptionAlgorithm",
            "SYMMETRIC_DEFAULT"));
  }

  private void decrypt(HttpExchange exchange, JsonNode request, byte[] associated)
      throws IOException {
    ByteBuffer blob =
        ByteBuffer.wrap(Base64.getDecoder().decode(request.path("CiphertextBlob").asString()));
    String keyId;
    byte[] sealed;
    try {
      byte[] arn = new byte[blob.getShort()];
      blob.get(arn);
      keyId = new String(arn, StandardCharsets.UTF_8);
      sealed = new byte[blob.remaining()];
      blob.get(sealed);
    } catch (RuntimeException e) {
      error(exchange, 400, "InvalidCiphertextException", "Malformed ciphertext");
      return;
    }
    String requested = request.path("KeyId").asString("");
    if (!requested.isEmpty() && !requested.equals(keyId)) {
      error(exchange, 400, "IncorrectKeyException", "The key ID does not match the ciphertext");
      return;
    }
    try {
      byte[] plaintext = key(keyId).decrypt(sealed, associated);
      answer(
          exchange,
          Map.of(
              "Plaintext",
              Base64.getEncoder().encodeToString(plaintext),
              "KeyId",
              keyId,
              "EncryptionAlgorithm",
              "SYMMETRIC_DEFAULT"));
    } catch (GeneralSecurityException e) {
      error(exchange, 400, "InvalidCiphertextException", "The ciphertext is invalid");
    }
  }

  private Aead key(String keyId) throws GeneralSecurityException {
    AeadConfig.register();
    Aead existing = keys.get(keyId);
    if (existing != null) {
      return existing;
    }
    Aead created =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
            .getPrimitive(RegistryConfiguration.get(), Aead.class);
    Aead raced = keys.putIfAbsent(keyId, created);
    return raced == null ? created : raced;
  }

  private static void answer(HttpExchange exchange, Map<String, String> body) throws IOException {
    send(exchange, 200, JSON.writeValueAsBytes(body));
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
    send(exchange, status, JSON.writeValueAsBytes(Map.of("__type", type, "message", message)));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
