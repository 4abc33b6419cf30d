package io.bulwark.secrets.internal;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Cloud KMS as a Tink {@link KmsClient}, on the Cloud KMS REST API ({@code
 * cryptoKeys.encrypt} and {@code cryptoKeys.decrypt}) with the JDK's HTTP client; only the
 * credentials come from Google's auth library (Application Default Credentials). Key URIs are
 * {@code gcp-kms://projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>}. Each
 * wrap and unwrap is one KMS call: the key never leaves the KMS.
 *
 * <p>Tink's associated data is sent as the request's {@code additionalAuthenticatedData}, as Tink's
 * own Cloud KMS AEAD does, so what this client wraps Tink's unwraps and the other way round. Every
 * request carries CRC32C checksums of what it sends and every answer's checksums are checked (the
 * integrity verification Cloud KMS documents), and an encryption answered by another key than the
 * configured one is refused. Decryption is asked of the configured key, which refuses ciphertexts
 * made under another key.
 *
 * @see <a
 *     href="https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys/encrypt">cryptoKeys.encrypt</a>
 * @see <a href="https://cloud.google.com/kms/docs/data-integrity-guidelines">Verifying end-to-end
 *     data integrity</a>
 */
final class GcpKmsClient implements KmsClient {

  static final String PREFIX = "gcp-kms://";
  static final URI PUBLIC_ENDPOINT = URI.create("https://cloudkms.googleapis.com");
  static final String SCOPE = "https://www.googleapis.com/auth/cloudkms";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private final URI endpoint;
  private final GoogleCredentials credentials;
  private final HttpClient http;

  /**
   * @param endpoint the Cloud KMS endpoint to use instead of the public one (a Private Service
   *     Connect endpoint); {@code null} for the default
   * @param credentials the caller's credentials; they are scoped to Cloud KMS here
   */
  GcpKmsClient(@Nullable URI endpoint, GoogleCredentials credentials) {
    this.endpoint = endpoint == null ? PUBLIC_ENDPOINT : endpoint;
    this.credentials = credentials.createScoped(List.of(SCOPE));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Google's Application Default Credentials: the service-account key file named by {@code
   * GOOGLE_APPLICATION_CREDENTIALS} (or a workload identity federation configuration there), the
   * gcloud user credentials, else the metadata server of Compute Engine, GKE (workload identity) or
   * Cloud Run.
   */
  static GcpKmsClient withApplicationDefaultCredentials(@Nullable URI endpoint) {
    GoogleCredentials credentials;
    try {
      credentials = GoogleCredentials.getApplicationDefault();
    } catch (IOException e) {
      throw new IllegalStateException(
          "BULWARK_KEK_URI names a Google Cloud KMS key, but no Google Application Default"
              + " Credentials were found: set GOOGLE_APPLICATION_CREDENTIALS to a service-account"
              + " or workload identity file, or run where a metadata server gives them");
    }
    return new GcpKmsClient(endpoint, credentials);
  }

  /**
   * Reads {@code BULWARK_KMS_GCP_ENDPOINT}: an {@code https} origin, or {@code http} on a loopback
   * address (a bearer token never crosses a network in clear).
   */
  static URI endpoint(String configured) {
    URI uri;
    try {
      uri = new URI(configured.strip());
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || !("https".equals(uri.getScheme())
            || ("http".equals(uri.getScheme()) && isLoopback(uri.getHost())))) {
      throw new IllegalStateException(
          "BULWARK_KMS_GCP_ENDPOINT must be an https:// origin such as"
              + " https://cloudkms.googleapis.com (http:// only on a loopback address), without"
              + " path, query or user info");
    }
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.equals("[::1]")
        || IPV4_LOOPBACK.matcher(host).matches();
  }

  @Override
  public boolean doesSupport(@Nullable String keyUri) {
    return keyUri != null && KeyName.parse(keyUri) != null;
  }

  @Override
  public KmsClient withCredentials(@Nullable String credentialPath) {
    throw new UnsupportedOperationException(
        "Credentials come from Google's Application Default Credentials");
  }

  @Override
  public KmsClient withDefaultCredentials() {
    return this;
  }

  @Override
  public Aead getAead(String keyUri) throws GeneralSecurityException {
    KeyName key = KeyName.parse(keyUri);
    if (key == null) {
      throw new GeneralSecurityException("Not a Google Cloud KMS crypto key URI");
    }
    return new CloudKmsAead(key);
  }

  /**
   * A crypto key's resource name, {@code
   * projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>}: a project id or
   * number (domain-scoped ids keep their {@code domain:}), a location such as {@code global} or
   * {@code europe-west3}, and ring and key ids of 1 to 63 letters, digits, {@code _} and {@code -}.
   * A key version is not a key: encryption picks the primary version.
   */
  record KeyName(String name) {

    private static final Pattern NAME =
        Pattern.compile(
            "projects/[a-z0-9][a-z0-9.:-]{0,127}/locations/[a-z0-9-]{1,63}"
                + "/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}");

    static @Nullable KeyName parse(String keyUri) {
      if (!keyUri.startsWith(PREFIX)) {
        return null;
      }
      Matcher matcher = NAME.matcher(keyUri.substring(PREFIX.length()));
      return matcher.matches() ? new KeyName(matcher.group()) : null;
    }

    boolean namesAVersionOfThisKey(String versionName) {
      return versionName.startsWith(name + "/cryptoKeyVersions/")
          && versionName.indexOf('/', name.length() + "/cryptoKeyVersions/".length()) < 0;
    }
  }

  private final class CloudKmsAead implements Aead {

    private final KeyName key;

    CloudKmsAead(KeyName key) {
      this.key = key;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
      ObjectNode request = JSON.createObjectNode();
      request.put("plaintext", base64(plaintext));
      request.put("plaintextCrc32c", crc32c(plaintext));
      addAssociatedData(request, associatedData);
      JsonNode answer = call("encrypt", request);
      if (!key.namesAVersionOfThisKey(answer.path("name").asString(""))) {
        throw new GeneralSecurityException(
            "Google Cloud KMS encrypted with another key than configured");
      }
      if (!answer.path("verifiedPlaintextCrc32c").asBoolean(false)
          || (associatedData.length > 0
              && !answer.path("verifiedAdditionalAuthenticatedDataCrc32c").asBoolean(false))) {
        throw new GeneralSecurityException(
            "Google Cloud KMS did not verify the checksums of the encryption request");
      }
      return checked(answer, "ciphertext");
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
        throws GeneralSecurityException {
      ObjectNode request = JSON.createObjectNode();
      request.put("ciphertext", base64(ciphertext));
      request.put("ciphertextCrc32c", crc32c(ciphertext));
      addAssociatedData(request, associatedData);
      return checked(call("decrypt", request), "plaintext");
    }

    private void addAssociatedData(ObjectNode request, byte[] associatedData) {
      if (associatedData.length > 0) {
        request.put("additionalAuthenticatedData", base64(associatedData));
        request.put("additionalAuthenticatedDataCrc32c", crc32c(associatedData));
      }
    }

    /** The answer's bytes in {@code field}, after checking them against {@code field}Crc32c. */
    private byte[] checked(JsonNode answer, String field) throws GeneralSecurityException {
      byte[] bytes;
      String checksum = answer.path(field + "Crc32c").asString("");
      try {
        // proto3 JSON leaves an empty bytes field out
        bytes = Base64.getDecoder().decode(answer.path(field).asString(""));
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("Google Cloud KMS answered a malformed " + field);
      }
      if (!checksum.equals(crc32c(bytes))) {
        throw new GeneralSecurityException(
            "Google Cloud KMS's " + field + " does not match its checksum");
      }
      return bytes;
    }

    private JsonNode call(String method, ObjectNode request) throws GeneralSecurityException {
      URI uri = endpoint.resolve("/v1/" + key.name() + ":" + method);
      byte[] body = JSON.writeValueAsBytes(request);
      HttpResponse<byte[]> response = send(uri, body);
      if (response.statusCode() == 401) {
        // a revoked or expired token the credentials did not know about: one fresh token, once
        refreshCredentials();
        response = send(uri, body);
      }
      if (response.statusCode() != 200) {
        throw new GeneralSecurityException(
            "Google Cloud KMS refused to "
                + method
                + ": HTTP "
                + response.statusCode()
                + " "
                + errorStatus(response.body()));
      }
      try {
        return JSON.readTree(response.body());
      } catch (JacksonException e) {
        throw new GeneralSecurityException("Google Cloud KMS answered no JSON to " + method);
      }
    }

    private HttpResponse<byte[]> send(URI uri, byte[] body) throws GeneralSecurityException {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> header : requestMetadata(uri).entrySet()) {
        for (String value : header.getValue()) {
          request.header(header.getKey(), value);
        }
      }
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        throw new GeneralSecurityException(
            "Google Cloud KMS could not be reached: " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GeneralSecurityException("Interrupted while calling Google Cloud KMS");
      }
    }
  }

  /** The {@code Authorization} (and quota project) headers; the token is never logged. */
  private Map<String, List<String>> requestMetadata(URI uri) throws GeneralSecurityException {
    try {
      return credentials.getRequestMetadata(uri);
    } catch (IOException e) {
      throw credentialsFailed(e);
    }
  }

  private void refreshCredentials() throws GeneralSecurityException {
    try {
      credentials.refresh();
    } catch (IOException e) {
      throw credentialsFailed(e);
    }
  }

  /**
   * The auth library's messages name the token endpoint, its HTTP status and its error answer
   * ({@code invalid_grant}…), never a key or token; they are kept, on one line, for the operator.
   */
  private static GeneralSecurityException credentialsFailed(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    reason = reason.replaceAll("\\s+", " ");
    return new GeneralSecurityException(
        "Google Cloud credentials gave no access token: "
            + (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
  }

  /** The {@code error.status} of a Google API error answer ({@code PERMISSION_DENIED}…). */
  private static String errorStatus(byte[] body) {
    try {
      String status = JSON.readTree(body).path("error").path("status").asString("");
      return status.matches("[A-Z_]{1,64}") ? status : "";
    } catch (JacksonException e) {
      return "";
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** CRC32C as Cloud KMS sends it: an unsigned int64 in a JSON string. */
  private static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return Long.toString(crc.getValue());
  }
}
