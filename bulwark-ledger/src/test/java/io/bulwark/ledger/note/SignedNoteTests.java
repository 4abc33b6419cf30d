package io.bulwark.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedNoteTests {

  // The example of golang.org/x/mod/sumdb/note, a different implementation of the same spec.
  static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String PETER_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String PETER_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String PETER_NOTE =
      PETER_TEXT
          + "\n"
          + "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  private static SignedNoteVerifier trusting(String... vkeys) {
    return new SignedNoteVerifier(
        java.util.Arrays.stream(vkeys).map(SignedNoteVerifierKey::parse).toList());
  }

  @Test
  void signingReferenceTextWithReferenceKeyReproducesReferenceNote() {
    SignedNoteSignerKey key = SignedNoteSignerKey.parse(PETER_SKEY);

    assertThat(key.verifierKey().encoded()).isEqualTo(PETER_VKEY);
    assertThat(SignedNote.sign(PETER_TEXT, List.of(key)).format()).isEqualTo(PETER_NOTE);
    assertThat(key.exportPrivateKeyString()).isEqualTo(PETER_SKEY);
  }

  @Test
  void referenceNoteOpensWithReferenceVerifierKey() {
    NoteVerification outcome = trusting(PETER_VKEY).open(PETER_NOTE);

    assertThat(outcome).isInstanceOf(NoteVerification.Verified.class);
    assertThat(((NoteVerification.Verified) outcome).note().text()).isEqualTo(PETER_TEXT);
  }

  @Test
  void modifiedTextIsRejected() {
    NoteVerification outcome =
        trusting(PETER_VKEY).open(PETER_NOTE.replace("cryptography", "cryptographY"));

    assertThat(outcome)
        .isEqualTo(
            new NoteVerification.Rejected("signature by trusted key PeterNeumann does not verify"));
  }

  @Test
  void signatureOfUnknownKeyIsIgnoredButOneTrustedSignatureIsRequired() {
    SignedNoteSignerKey other = SignedNoteSignerKey.generate("example.com/other");
    SignedNoteSignerKey sameNameOtherKey = SignedNoteSignerKey.generate("PeterNeumann");
    String both =
        SignedNote.sign(PETER_TEXT, List.of(other, SignedNoteSignerKey.parse(PETER_SKEY))).format();
    String onlyOthers = SignedNote.sign(PETER_TEXT, List.of(other, sameNameOtherKey)).format();

    assertThat(trusting(PETER_VKEY).open(both)).isInstanceOf(NoteVerification.Verified.class);
    assertThat(trusting(PETER_VKEY).open(onlyOthers))
        .isEqualTo(new NoteVerification.Rejected("no signature from a trusted key"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no trailing newline",
        "no blank line",
        "control character",
        "carriage return",
        "hyphen instead of em dash",
        "two spaces",
        "unpadded base64",
        "short signature",
        "empty signature block",
        "signature line without name"
      })
  void malformedNotesAreRejected(String mangling) {
    String note =
        switch (mangling) {
          case "no trailing newline" -> PETER_NOTE.substring(0, PETER_NOTE.length() - 1);
          case "no blank line" -> PETER_NOTE.replace("\n\n", "\n");
          case "control character" -> PETER_NOTE.replace("answer", "ans\u0007wer");
          case "carriage return" -> PETER_NOTE.replace("problem,\n", "problem,\r\n");
          case "hyphen instead of em dash" -> PETER_NOTE.replace("\u2014", "-");
          case "two spaces" -> PETER_NOTE.replace("PeterNeumann ", "PeterNeumann  ");
          case "unpadded base64" -> PETER_NOTE.replace("AM=\n", "AM\n");
          case "short signature" -> PETER_TEXT + "\n\u2014 PeterNeumann AAAA\n";
          case "empty signature block" -> PETER_TEXT + "\n";
          case "signature line without name" -> PETER_TEXT + "\n\u2014  x08go/ZJ\n";
          default -> throw new IllegalArgumentException(mangling);
        };

    NoteVerification outcome = trusting(PETER_VKEY).open(note);

    assertThat(outcome).isInstanceOf(NoteVerification.Rejected.class);
    assertThat(((NoteVerification.Rejected) outcome).reason()).startsWith("malformed note: ");
  }

  @Test
  void parsedNoteFormatsBackToTheSameBytes() {
    assertThat(SignedNote.parse(PETER_NOTE).format()).isEqualTo(PETER_NOTE);
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] bytes = PETER_NOTE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    bytes[3] = (byte) 0xC0;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> SignedNote.parse(bytes))
        .withMessageContaining("UTF-8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+AhpczQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10",
        "PeterNeumann+c74f20a3",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
      })
  void manglesOfVerifierKeyAreRejected(String vkey) {
    assertThatIllegalArgumentException().isThrownBy(() -> SignedNoteVerifierKey.parse(vkey));
  }

  @Test
  void generatedKeyRoundTripsAndSignerKeyHidesItsSecret() {
    SignedNoteSignerKey key = SignedNoteSignerKey.generate("bulwark.example/t/acme");
    String secret = key.exportPrivateKeyString();
    // PRIVATE+KEY+<name>+<hash>+<key data>; the base64 key data may itself hold '+'.
    String keyData = secret.split("\\+", 5)[4];
    SignedNoteSignerKey reparsed = SignedNoteSignerKey.parse(secret);

    assertThat(reparsed.verifierKey()).isEqualTo(key.verifierKey());
    assertThat(SignedNoteVerifierKey.parse(key.verifierKey().encoded()))
        .isEqualTo(key.verifierKey());
    assertThat(key.toString()).doesNotContain(keyData);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SignedNoteSignerKey.parse(secret.replace("PRIVATE+KEY+", "")))
        .withMessageNotContaining(keyData);
  }
}
