package io.bulwark.ledger.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.bulwark.ledger.merkle.Sha256Hash;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlogCheckpointTests {

  private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  private static final SignedNoteSignerKey LOG_KEY =
      SignedNoteSignerKey.generate("bulwark.example/t/acme");

  @Test
  void checkpointOfSpecExampleParsesAndFormatsBack() {
    String text = "example.com/behind-the-sofa\n20852163\n" + ROOT + "\n";

    TlogCheckpoint checkpoint = TlogCheckpoint.parse(text);

    assertThat(checkpoint)
        .isEqualTo(
            new TlogCheckpoint(
                "example.com/behind-the-sofa", 20852163, Sha256Hash.fromBase64(ROOT)));
    assertThat(checkpoint.toNoteText()).isEqualTo(text);
  }

  @Test
  void extensionLinesAreKept() {
    TlogCheckpoint checkpoint = TlogCheckpoint.parse("o\n0\n" + ROOT + "\next one\next two\n");

    assertThat(checkpoint.extensions()).containsExactly("ext one", "ext two");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "o\n012\n" + ROOT + "\n",
        "o\n-1\n" + ROOT + "\n",
        "o\n+1\n" + ROOT + "\n",
        "o\n99999999999999999999\n" + ROOT + "\n",
        "o\n1\n" + ROOT,
        "o\n1\n",
        "\n1\n" + ROOT + "\n",
        "o\n1\n" + ROOT + "\n\n",
        "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
        "o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",
        "o\n1\nAAAA\n"
      })
  void malformedCheckpointTextIsRejected(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> TlogCheckpoint.parse(text));
  }

  @Test
  void signedCheckpointVerifiesWithLogKey() {
    TlogCheckpoint checkpoint =
        new TlogCheckpoint("bulwark.example/t/acme", 42, Sha256Hash.fromBase64(ROOT));
    String signed = new TlogCheckpointSigner(LOG_KEY).sign(checkpoint);

    CheckpointVerification outcome =
        new TlogCheckpointVerifier(List.of(LOG_KEY.verifierKey()))
            .verify(signed, "bulwark.example/t/acme");

    assertThat(signed).startsWith(checkpoint.toNoteText() + "\n\u2014 bulwark.example/t/acme ");
    assertThat(outcome)
        .isEqualTo(new CheckpointVerification.Verified(checkpoint, List.of(LOG_KEY.verifierKey())));
  }

  @Test
  void signedCheckpointOfAnotherOriginOrKeyIsRejected() {
    String signed =
        new TlogCheckpointSigner(LOG_KEY)
            .sign(new TlogCheckpoint("bulwark.example/t/acme", 42, Sha256Hash.fromBase64(ROOT)));
    SignedNoteVerifierKey stranger =
        SignedNoteSignerKey.generate("bulwark.example/t/acme").verifierKey();

    assertThat(
            new TlogCheckpointVerifier(List.of(LOG_KEY.verifierKey()))
                .verify(signed, "bulwark.example/t/other"))
        .isInstanceOf(CheckpointVerification.Rejected.class);
    assertThat(new TlogCheckpointVerifier(List.of(stranger)).verify(signed))
        .isEqualTo(new CheckpointVerification.Rejected("no signature from a trusted key"));
    assertThat(
            new TlogCheckpointVerifier(List.of(LOG_KEY.verifierKey()))
                .verify(signed.replace("\n42\n", "\n43\n")))
        .isInstanceOf(CheckpointVerification.Rejected.class);
  }

  @Test
  void signedNoteThatIsNotACheckpointIsRejected() {
    String signed = SignedNote.sign("hello\n", List.of(LOG_KEY)).format();

    CheckpointVerification outcome =
        new TlogCheckpointVerifier(List.of(LOG_KEY.verifierKey())).verify(signed);

    assertThat(outcome).isInstanceOf(CheckpointVerification.Rejected.class);
    assertThat(((CheckpointVerification.Rejected) outcome).reason())
        .startsWith("malformed checkpoint");
  }
}
