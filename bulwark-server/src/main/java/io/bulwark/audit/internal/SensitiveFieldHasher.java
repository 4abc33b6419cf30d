package io.bulwark.audit.internal;

import io.bulwark.classification.ClassificationTier;
import io.bulwark.classification.DetectorTiers;
import io.bulwark.ledger.jcs.Rfc8785Canonicalizer;
import io.bulwark.redact.DetectorTypes;
import io.bulwark.redact.Redactor;
import io.bulwark.redact.SensitiveFieldNames;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Replaces the sensitive values of an entry by {@code hmac-sha256:<hex>} under the tenant's audit
 * key, before the entry is canonicalized and hashed into the log, and lists what it replaced in
 * {@code hashed_fields}. Three rules, first match wins per field of {@code details}:
 *
 * <ol>
 *   <li>a field the producer marked ({@code details.card.number}; also {@code actor.ip}, {@code
 *       actor.display}, {@code actor.user_agent}, {@code justification}) is hashed whole;
 *   <li>a field named like a secret ({@code password}, {@code client_secret}, {@code
 *       authorization}, {@code api_key}, {@code ssn}…, bulwark-redact's list plus a few) is hashed
 *       whole, unless it is a boolean;
 *   <li>any other string (and number of 6 or more characters) in which the redaction engine finds a
 *       value of tier {@code customer_sensitive} or above is hashed whole.
 * </ol>
 *
 * <p>Whole values, not the found spans: a value is then looked up with exactly the text that was
 * sent, and no context around a secret ({@code "password=…"}) survives. Strings hash their text,
 * other values their RFC 8785 canonical JSON; array elements are hashed one by one; {@code null}
 * stays. Not thread-safe: one per batch. The key is read only when something needs hashing.
 */
final class SensitiveFieldHasher {

  static final String HASHED_FIELDS = "hashed_fields";

  private static final String DETAILS = "details";
  private static final int MIN_NUMBER_CHARS = 6;
  private static final Pattern ALREADY_HASHED = Pattern.compile("hmac-sha256:[0-9a-f]{64}");
  private static final Redactor DETECTION =
      Redactor.builder()
          .withoutTypes(
              DetectorTypes.ALL.stream()
                  .filter(type ->
                      !DetectorTiers.tierOf(type).map(ClassificationTier::masked).orElse(true))
                  .toList())
          .build();

  /** Field names the audit log treats as secret beyond bulwark-redact's assignment keys. */
  private static final Set<String> MORE_SENSITIVE_NAMES =
      Set.of(
          "ssn",
          "social_security_number",
          "card_number",
          "cardnumber",
          "cvv",
          "cvc",
          "pin",
          "cookie");

  private final Supplier<AuditHmacKey> keySource;
  private @Nullable AuditHmacKey key;

  /**
   * @param keySource the tenant's key, asked for at most once and only when a value needs it
   */
  SensitiveFieldHasher(Supplier<AuditHmacKey> keySource) {
    this.keySource = keySource;
  }

  // "_ssn" and so on, made once rather than for every member name of every event.
  private static final List<String> MORE_SENSITIVE_SUFFIXES =
      MORE_SENSITIVE_NAMES.stream().map(name -> "_" + name).toList();

  /**
   * @param name a field name
   * @return whether a value under this name is hashed whole
   */
  static boolean sensitiveName(String name) {
    if (SensitiveFieldNames.typeOf(name).isPresent()) {
      return true;
    }
    String normalized = name.toLowerCase(Locale.ROOT).replace('-', '_');
    if (MORE_SENSITIVE_NAMES.contains(normalized)) {
      return true;
    }
    for (String suffix : MORE_SENSITIVE_SUFFIXES) {
      if (normalized.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Hashes the sensitive values of an entry in place.
   *
   * @param entry the entry, or the members of it that may be hashed ({@code actor}, {@code
   *     justification}, {@code details}), as {@link AuditEntryJson} passes them
   * @param marked the paths the producer marked, already validated
   * @return the same entry
   */
  ObjectNode apply(ObjectNode entry, List<String> marked) {
    SortedSet<String> hashed = new TreeSet<>();
    Set<String> markedInDetails = new HashSet<>();
    for (String path : marked) {
      if (path.startsWith(DETAILS + ".")) {
        markedInDetails.add(path.substring(DETAILS.length() + 1));
        continue;
      }
      int dot = path.indexOf('.');
      JsonNode parent = dot < 0 ? entry : entry.get(path.substring(0, dot));
      String name = dot < 0 ? path : path.substring(dot + 1);
      if (parent instanceof ObjectNode object && object.get(name) instanceof StringNode text) {
        object.put(name, hash(text.asString()));
        hashed.add(path);
      }
    }
    if (entry.get(DETAILS) instanceof ObjectNode details) {
      members(details, DETAILS, "", markedInDetails, hashed);
    }
    if (!hashed.isEmpty()) {
      ArrayNode fields = entry.putArray(HASHED_FIELDS);
      hashed.forEach(fields::add);
    }
    return entry;
  }

  private void members(
      ObjectNode object, String path, String names, Set<String> marked, Set<String> hashed) {
    for (String name : List.copyOf(object.propertyNames())) {
      String memberPath = path + "." + name;
      String memberNames = names.isEmpty() ? name : names + "." + name;
      JsonNode value = object.get(name);
      JsonNode replaced;
      if (marked.contains(memberNames)) {
        replaced = whole(value, memberPath, false, hashed);
      } else if (sensitiveName(name)) {
        replaced = whole(value, memberPath, true, hashed);
      } else {
        replaced = detect(value, memberPath, memberNames, marked, hashed);
      }
      if (replaced != null) {
        object.set(name, replaced);
      }
    }
  }

  /** Hashes a value whole, arrays element by element; null when it stays as it is. */
  private @Nullable JsonNode whole(
      JsonNode value, String path, boolean keepBooleans, Set<String> hashed) {
    if (value.isNull() || (keepBooleans && value.isBoolean())) {
      return null;
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode replaced = whole(array.get(i), path + "[" + i + "]", keepBooleans, hashed);
        if (replaced != null) {
          array.set(i, replaced);
        }
      }
      return null;
    }
    hashed.add(path);
    return StringNode.valueOf(
        value.isString()
            ? hash(value.asString())
            : key().hash(Rfc8785Canonicalizer.canonicalize(value)));
  }

  /** Hashes what the redaction engine flags, descending into objects and arrays. */
  private @Nullable JsonNode detect(
      JsonNode value, String path, String names, Set<String> marked, Set<String> hashed) {
    if (value instanceof ObjectNode object) {
      members(object, path, names, marked, hashed);
      return null;
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode replaced = detect(array.get(i), path + "[" + i + "]", names, marked, hashed);
        if (replaced != null) {
          array.set(i, replaced);
        }
      }
      return null;
    }
    String text;
    if (value.isString()) {
      text = value.asString();
      if (ALREADY_HASHED.matcher(text).matches()) {
        return null;
      }
    } else if (value.isNumber()) {
      text = new String(Rfc8785Canonicalizer.canonicalize(value), StandardCharsets.UTF_8);
      if (text.length() < MIN_NUMBER_CHARS) {
        return null;
      }
    } else {
      return null;
    }
    if (!DETECTION.containsSensitiveData(text)) {
      return null;
    }
    hashed.add(path);
    return StringNode.valueOf(hash(text));
  }

  private String hash(String text) {
    return key().hash(text);
  }

  private AuditHmacKey key() {
    if (key == null) {
      key = keySource.get();
    }
    return key;
  }
}
