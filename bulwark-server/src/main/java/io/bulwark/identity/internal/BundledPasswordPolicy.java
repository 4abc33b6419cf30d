package io.bulwark.identity.internal;

import io.bulwark.identity.PasswordPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * The default policy: at least 12 and at most 256 characters, not one of the bundled common
 * passwords (case-insensitively), and not containing the username or the e-mail's local part. No
 * composition rules, as NIST SP 800-63B advises.
 */
@Component
final class BundledPasswordPolicy implements PasswordPolicy {

  static final int MINIMUM_LENGTH = 12;
  static final int MAXIMUM_LENGTH = 256;

  private final List<Rule> rules;

  BundledPasswordPolicy() {
    Set<String> common = loadCommonPasswords();
    this.rules =
        List.of(
            (password, username, email) ->
                password.length() < MINIMUM_LENGTH
                    ? Optional.of("must be at least " + MINIMUM_LENGTH + " characters")
                    : Optional.empty(),
            (password, username, email) ->
                password.length() > MAXIMUM_LENGTH
                    ? Optional.of("must be at most " + MAXIMUM_LENGTH + " characters")
                    : Optional.empty(),
            (password, username, email) ->
                common.contains(password.toString().toLowerCase(Locale.ROOT))
                    ? Optional.of("is one of the most common passwords")
                    : Optional.empty(),
            (password, username, email) ->
                contains(password, username)
                    ? Optional.of("must not contain the username")
                    : Optional.empty(),
            (password, username, email) ->
                contains(password, localPart(email))
                    ? Optional.of("must not contain the e-mail address")
                    : Optional.empty());
  }

  @Override
  public List<String> violations(CharSequence password, String username, String email) {
    String mail = email == null ? "" : email;
    return rules.stream()
        .map(rule -> rule.check(password, username, mail))
        .flatMap(Optional::stream)
        .toList();
  }

  private static boolean contains(CharSequence password, String part) {
    return part.length() >= 4
        && password.toString().toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }

  private static String localPart(String email) {
    int at = email.indexOf('@');
    return at < 0 ? email : email.substring(0, at);
  }

  private static Set<String> loadCommonPasswords() {
    try (InputStream raw =
            BundledPasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt.gz");
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      Set<String> passwords = new HashSet<>(64_000);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        passwords.add(line);
      }
      return Set.copyOf(passwords);
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(
          "The bundled common-password list is missing", new IOException(e));
    }
  }
}
