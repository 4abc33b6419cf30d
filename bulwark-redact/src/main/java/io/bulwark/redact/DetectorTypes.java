package io.bulwark.redact;

import java.util.List;

/**
 * Type names of the built-in detectors, as they appear in findings, {@code [REDACTED:<TYPE>]}
 * markers, CLI reports and SARIF rule ids.
 */
public final class DetectorTypes {

  /** E-mail address ({@code local@domain.tld}). */
  public static final String EMAIL = "EMAIL";

  /** Phone number: E.164 ({@code +4420...}) and common national formats. */
  public static final String PHONE = "PHONE";

  /** Payment card number: 13-19 digits, optionally grouped by spaces or dashes, Luhn-checked. */
  public static final String CREDIT_CARD = "CREDIT_CARD";

  /** International bank account number, ISO 13616 mod-97 checked. */
  public static final String IBAN = "IBAN";

  /** US social security number with valid area, group and serial ranges. */
  public static final String US_SSN = "US_SSN";

  /** IPv4 or IPv6 address (RFC 4291 text forms). */
  public static final String IP_ADDRESS = "IP_ADDRESS";

  /** IEEE 802 MAC address with {@code :} or {@code -} separators. */
  public static final String MAC_ADDRESS = "MAC_ADDRESS";

  /** JSON Web Token (RFC 7519) in compact serialization. */
  public static final String JWT = "JWT";

  /** Credentials of an HTTP {@code Authorization} header: Bearer and Basic values. */
  public static final String AUTH_HEADER = "AUTH_HEADER";

  /** PEM-encoded private key block. */
  public static final String PRIVATE_KEY = "PRIVATE_KEY";

  /** Cloud and SaaS API keys with a recognisable format (AWS, GitHub, GitLab, Slack, Stripe...). */
  public static final String API_KEY = "API_KEY";

  /** Values of password, secret, token and API-key assignments. */
  public static final String PASSWORD = "PASSWORD";

  /** The {@code user:password} part of a URL. */
  public static final String URL_CREDENTIALS = "URL_CREDENTIALS";

  /** A date with a date-of-birth context word nearby (HIPAA identifier). */
  public static final String DATE_OF_BIRTH = "DATE_OF_BIRTH";

  /** A medical record number with a context word or key nearby (HIPAA identifier). */
  public static final String MEDICAL_RECORD_NUMBER = "MEDICAL_RECORD_NUMBER";

  /** All built-in type names. */
  public static final List<String> ALL =
      List.of(
          EMAIL,
          PHONE,
          CREDIT_CARD,
          IBAN,
          US_SSN,
          IP_ADDRESS,
          MAC_ADDRESS,
          JWT,
          AUTH_HEADER,
          PRIVATE_KEY,
          API_KEY,
          PASSWORD,
          URL_CREDENTIALS,
          DATE_OF_BIRTH,
          MEDICAL_RECORD_NUMBER);

  /** Types that are secrets rather than personal data: what {@code scan} reports. */
  public static final List<String> SECRETS =
      List.of(API_KEY, PRIVATE_KEY, JWT, AUTH_HEADER, PASSWORD, URL_CREDENTIALS);

  private DetectorTypes() {}
}
