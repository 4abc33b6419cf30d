package io.bulwark.secrets.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.bulwark.secrets.KeyEncryptionKeyProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredKeyEncryptionKeyProviderTests extends KeyEncryptionKeyProviderContract {

  @TempDir Path directory;
  String base64Keyset;

  @Override
  KeyEncryptionKeyProvider newProvider() throws Exception {
    AeadConfig.register();
    String json =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
            InsecureSecretKeyAccess.get());
    base64Keyset = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    return new ConfiguredKeyEncryptionKeyProvider(base64Keyset);
  }

  @Override
  KeyEncryptionKeyProvider sameKeyAgain() throws Exception {
    Path file = directory.resolve("kek.json");
    Files.write(file, Base64.getDecoder().decode(base64Keyset));
    return new ConfiguredKeyEncryptionKeyProvider(file.toString());
  }

  @Test
  void keysetThatIsNeitherBase64NorAFileThenRefusedWithoutEchoingIt() {
    assertThatThrownBy(() -> new ConfiguredKeyEncryptionKeyProvider("not base64 %%% secret-ish"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("secret-ish");
  }

  @Test
  void isRotatedOutsideTheServer() {
    assertThat(provider.rotatable()).isFalse();
  }
}
