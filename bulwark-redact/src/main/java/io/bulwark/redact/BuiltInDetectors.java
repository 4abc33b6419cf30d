package io.bulwark.redact;

import io.bulwark.redact.internal.ApiKeyDetector;
import io.bulwark.redact.internal.AssignmentDetector;
import io.bulwark.redact.internal.AuthHeaderDetector;
import io.bulwark.redact.internal.EmailDetector;
import io.bulwark.redact.internal.IbanDetector;
import io.bulwark.redact.internal.JwtDetector;
import io.bulwark.redact.internal.NetworkAddressDetector;
import io.bulwark.redact.internal.NumberDetector;
import io.bulwark.redact.internal.PrivateKeyDetector;
import io.bulwark.redact.internal.UrlCredentialsDetector;
import java.util.List;

/**
 * The built-in detectors, in the order the scanner consults them when several share a trigger.
 *
 * <table>
 *   <caption>Detectors and the types they report</caption>
 *   <tr><th>detector</th><th>types</th></tr>
 *   <tr><td>URL credentials</td><td>{@code URL_CREDENTIALS}</td></tr>
 *   <tr><td>e-mail</td><td>{@code EMAIL}</td></tr>
 *   <tr><td>PEM private key</td><td>{@code PRIVATE_KEY}</td></tr>
 *   <tr><td>JWT</td><td>{@code JWT}</td></tr>
 *   <tr><td>Authorization scheme</td><td>{@code AUTH_HEADER}</td></tr>
 *   <tr><td>provider key formats</td><td>{@code API_KEY}</td></tr>
 *   <tr><td>IBAN</td><td>{@code IBAN}</td></tr>
 *   <tr><td>IPv6 / MAC</td><td>{@code IP_ADDRESS}, {@code MAC_ADDRESS}</td></tr>
 *   <tr><td>digit runs</td><td>{@code CREDIT_CARD}, {@code US_SSN}, {@code PHONE},
 *       {@code IP_ADDRESS}, {@code DATE_OF_BIRTH}, {@code MEDICAL_RECORD_NUMBER}</td></tr>
 *   <tr><td>assignments</td><td>{@code PASSWORD}, {@code API_KEY}, {@code AUTH_HEADER},
 *       {@code MEDICAL_RECORD_NUMBER}</td></tr>
 * </table>
 */
public final class BuiltInDetectors {

  private static final List<Detector> ALL =
      List.of(
          new UrlCredentialsDetector(),
          new EmailDetector(),
          new PrivateKeyDetector(),
          new JwtDetector(),
          new AuthHeaderDetector(),
          new ApiKeyDetector(),
          new IbanDetector(),
          new NetworkAddressDetector(),
          new NumberDetector(),
          new AssignmentDetector());

  private BuiltInDetectors() {}

  /** All built-in detectors; together they report every type in {@link DetectorTypes#ALL}. */
  public static List<Detector> all() {
    return ALL;
  }
}
