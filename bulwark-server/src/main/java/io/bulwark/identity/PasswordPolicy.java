package io.bulwark.identity;

import java.util.List;
import java.util.Optional;

/**
 * The rules a new password must pass, each a named rule that either accepts it or says why not.
 * Adding a rule adds an element, nothing else. Reasons never quote the password.
 *
 * @see <a href="https://pages.nist.gov/800-63-4/sp800-63b.html#passwordver">NIST SP 800-63B
 *     §3.1.1.2</a>
 */
public interface PasswordPolicy {

  /**
   * @param password the candidate
   * @param username the account's username, which the password must not contain
   * @param email the account's e-mail address, or null
   * @return the reasons it is refused; empty when it is accepted
   */
  List<String> violations(CharSequence password, String username, String email);

  /** One rule of the policy. */
  interface Rule {
    /**
     * @param password the candidate
     * @param username the account's username
     * @param email the account's e-mail address, or empty
     * @return why it is refused, or empty
     */
    Optional<String> check(CharSequence password, String username, String email);
  }
}
