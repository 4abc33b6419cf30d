package io.bulwark.config;

import io.bulwark.platform.problem.ApiProblem;
import io.bulwark.platform.problem.InvalidFieldException;
import io.bulwark.platform.problem.ProblemType;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.Finding;
import io.bulwark.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps secrets out of config: config documents are readable by every holder of {@code
 * config:read}, shown in history and diffs, and not encrypted per value, so a value that the
 * redaction engine's secret detectors (API keys, tokens, private keys, passwords, credentials in
 * URLs) recognise is refused and belongs in the vault instead.
 */
final class CredentialGuard {

  private static final Redactor SECRETS = Redactor.builder().types(DetectorTypes.SECRETS).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private CredentialGuard() {}

  /**
   * @param document a whole document, checked for size and for credentials
   * @param field the field named when a credential is found
   * @throws ApiProblem 413 when the document exceeds {@link ConfigLimits#MAX_BYTES}
   * @throws InvalidFieldException when it holds something that looks like a credential
   */
  static void check(JsonNode document, String field) {
    String text = JSON.writeValueAsString(document);
    if (text.getBytes(StandardCharsets.UTF_8).length > ConfigLimits.MAX_BYTES) {
      throw new ApiProblem(
          ProblemType.PAYLOAD_TOO_LARGE,
          "The document exceeds " + ConfigLimits.MAX_BYTES + " bytes in its JSON encoding");
    }
    refuseCredentials(text, field);
  }

  /**
   * @param part one field of a document
   * @param field its name
   * @throws InvalidFieldException when it holds something that looks like a credential
   */
  static void checkPart(JsonNode part, String field) {
    refuseCredentials(part.isString() ? part.stringValue() : JSON.writeValueAsString(part), field);
  }

  private static void refuseCredentials(String text, String field) {
    List<Finding> findings = SECRETS.scan(text);
    if (!findings.isEmpty()) {
      throw new InvalidFieldException(
          field,
          "looks like a credential ("
              + findings.getFirst().type()
              + "); secrets belong in the vault (/secrets/…), not in config");
    }
  }
}
