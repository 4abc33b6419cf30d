package io.bulwark.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DetectorsTests {

  private final Redactor redactor = Redactor.defaults();

  private List<String> typesIn(String text) {
    return redactor.scan(text).stream().map(Finding::type).toList();
  }

  private String onlyValue(String text) {
    List<Finding> findings = redactor.scan(text);
    assertThat(findings).as("findings in %s", text).hasSize(1);
    return findings.getFirst().valueIn(text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          EMAIL           | contact john.doe+news@mail.example.co.uk today     | john.doe+news@mail.example.co.uk
          PHONE           | call +44 20 7946 0958 now                          | +44 20 7946 0958
          PHONE           | office (415) 555-0132 ext                          | (415) 555-0132
          PHONE           | tel 415-555-0132.                                  | 415-555-0132
          PHONE           | mobile 07700 900123                                | 07700 900123
          CREDIT_CARD     | card 4111 1111 1111 1111 exp                       | 4111 1111 1111 1111
          CREDIT_CARD     | amex 3782-822463-10005                             | 3782-822463-10005
          CREDIT_CARD     | pan=5555555555554444;                              | 5555555555554444
          IBAN            | to DE89 3704 0044 0532 0130 00 please              | DE89 3704 0044 0532 0130 00
          IBAN            | iban:GB82WEST12345698765432                        | GB82WEST12345698765432
          US_SSN          | ssn 078-05-1120 on file                            | 078-05-1120
          US_SSN          | SSN: 078051120                                     | 078051120
          IP_ADDRESS      | from 192.168.10.254:8080                           | 192.168.10.254
          IP_ADDRESS      | peer [2001:db8::ff00:42:8329]:443                  | 2001:db8::ff00:42:8329
          IP_ADDRESS      | loopback ::1 only                                  | ::1
          IP_ADDRESS      | mapped ::ffff:10.0.0.1 here                        | ::ffff:10.0.0.1
          MAC_ADDRESS     | mac 00:1A:2B:3C:4D:5E up                           | 00:1A:2B:3C:4D:5E
          MAC_ADDRESS     | hw 00-1a-2b-3c-4d-5e up                            | 00-1a-2b-3c-4d-5e
          API_KEY         | key AKIAIOSFODNN7EXAMPLE used                      | AKIAIOSFODNN7EXAMPLE
          API_KEY         | gh ghp_16C7e42F292c6912E7710c838347Ae178B4a done   | ghp_16C7e42F292c6912E7710c838347Ae178B4a
          API_KEY         | gl glpat-Xy2bV9kLmQ4rT7wZ1sPa done                 | glpat-Xy2bV9kLmQ4rT7wZ1sPa
          API_KEY         | slack xoxb-1234567890-0987654321-AbCdEfGhIjKl      | xoxb-1234567890-0987654321-AbCdEfGhIjKl
          API_KEY         | stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc ok         | sk_live_4eC39HqLyjWDarjtT1zdp7dc
          API_KEY         | maps AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW ok    | AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW
          API_KEY         | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
          PASSWORD        | login user=bob password=hunter2 ok                 | hunter2
          PASSWORD        | GET /cb?code=1&access_token=abc123XYZ&x=1          | abc123XYZ
          PASSWORD        | X-Api-Key: 9f8e7d6c5b4a                            | 9f8e7d6c5b4a
          PASSWORD        | dbPassword = 'Tr0ub4dor&3'                         | Tr0ub4dor&3
          URL_CREDENTIALS | url=postgres://app:s3cr3t@db:5432/x                | app:s3cr3t
          AUTH_HEADER     | Authorization: Basic dXNlcjpwYXNzd29yZA==          | dXNlcjpwYXNzd29yZA==
          AUTH_HEADER     | Authorization: Bearer 8f14e45fceea167a5a36dedd4bea | 8f14e45fceea167a5a36dedd4bea
          DATE_OF_BIRTH   | patient dob: 03/12/1985 admitted                   | 03/12/1985
          MEDICAL_RECORD_NUMBER | MRN: 00123456 ward 4                         | 00123456
          MEDICAL_RECORD_NUMBER | medical record number 12345678 merged        | 12345678
          """)
  void builtInTypeIsFoundAtItsExactSpan(String type, String text, String value) {
    assertThat(typesIn(text)).containsExactly(type);
    assertThat(onlyValue(text)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "order 4111 1111 1111 1112 shipped",
        "invoice 1234567890123456",
        "epoch 1705312345678 millis",
        "release v1.2.3 and 2.14.1",
        "version 1.2.3.4 deployed",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "time 10:23:45.123 and 12:34:56",
        "processed 5551234567 bytes",
        "created 2024-01-15 due 03/12/2025",
        "synced 12345678 records",
        "bean com.acme.Foo@6d06d69c and root@localhost",
        "ssn-like 000-12-3456 666-12-3456 900-12-3456",
        "ref DE00 3704 0044 0532 0130 00",
        "Basic authentication is enabled; Bearer of bad news",
        "password policy updated; password=${DB_PASSWORD}; token: null; secret=********",
        "String password = readPassword();",
        "header eyJhbGciOi truncated",
        "placeholder ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "ratio 16:9 flags ab:cd:ef",
        "2024-01-15T10:23:45.123Z INFO [main] c.a.ContactSync - processed 4350684399 bytes"
      })
  void hardNegativeIsNotReported(String text) {
    assertThat(redactor.scan(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl | AUTH_HEADER
          id_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl              | JWT
          {"token":"ghp_16C7e42F292c6912E7710c838347Ae178B4a"}                             | API_KEY
          """)
  void specificFormatWinsOverGenericAssignment(String text, String type) {
    assertThat(typesIn(text)).containsExactly(type);
  }

  @org.junit.jupiter.api.Test
  void privateKeyBlockIsRedactedWholeAndPublicKeysAreNot() {
    String pem =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----";
    String text =
        "key:\n" + pem + "\ncert -----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    assertThat(redactor.redact(text))
        .isEqualTo(
            "key:\n[REDACTED:PRIVATE_KEY]\ncert -----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
  }

  @org.junit.jupiter.api.Test
  void truncatedPrivateKeyIsRedactedToTheEnd() {
    assertThat(redactor.redact("x -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg"))
        .isEqualTo("x [REDACTED:PRIVATE_KEY]");
  }

  @org.junit.jupiter.api.Test
  void contextWordsRaiseAndLowerConfidence() {
    double plain = redactor.scan("n 4111 1111 1111 1111").getFirst().confidence();
    double withContext = redactor.scan("visa card 4111 1111 1111 1111").getFirst().confidence();
    assertThat(withContext).isGreaterThan(plain);
    assertThat(typesIn("ssn 078 05 1120")).containsExactly(DetectorTypes.US_SSN);
    assertThat(typesIn("ref 078 05 1120")).isEmpty();
    assertThat(typesIn("phone 4155550132")).containsExactly(DetectorTypes.PHONE);
    assertThat(typesIn("bytes 4155550132")).isEmpty();
    assertThat(typesIn("host 10.1.2.3")).containsExactly(DetectorTypes.IP_ADDRESS);
    assertThat(typesIn("firmware version 10.1.2.3")).isEmpty();
  }
}
