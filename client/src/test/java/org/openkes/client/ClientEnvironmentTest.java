package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;

class ClientEnvironmentTest {
  private static final String KEY = TestKeys.API_KEY.reveal();
  private static final ClientEnvironment.PasswordPrompt NO_PROMPT = () -> {
    throw new AssertionError("no password expected");
  };

  @TempDir Path dir;

  private static KesClient build(Map<String, String> env, ClientEnvironment.Flags flags) throws Exception {
    return ClientEnvironment.configure(env, flags, NO_PROMPT).build();
  }

  private static void fails(Map<String, String> env, String message) {
    assertThatThrownBy(() -> ClientEnvironment.configure(env, ClientEnvironment.Flags.none(), NO_PROMPT))
        .isInstanceOf(ClientConfigurationException.class).hasMessage(message);
  }

  @Test
  void defaultsTo127001With7373() throws Exception {
    try (KesClient c = build(Map.of("KES_API_KEY", KEY), ClientEnvironment.Flags.none())) {
      assertThat(c.endpoints()).extracting(Endpoint::toString).containsExactly("https://127.0.0.1:7373");
      assertThat(c.identity()).isEqualTo(TestKeys.API_KEY.identity());
    }
  }

  @Test
  void theFirstSetVariableWinsEvenWhenEmpty() {
    assertThat(ClientEnvironment.first(Map.of("KES_SERVER", "b", "MINIO_KMS_KES_ENDPOINT", "c"), ClientEnvironment.SERVER))
        .contains("b");
    assertThat(ClientEnvironment.first(Map.of("MINIO_KES_SERVER", "", "KES_SERVER", "b"), ClientEnvironment.SERVER))
        .contains("");
    // An empty API key variable hides the later ones, and then there is no key at all.
    fails(Map.of("MINIO_KES_API_KEY", "", "KES_API_KEY", KEY), "no API key specified. Consider setting MINIO_KES_API_KEY");
  }

  @Test
  void flagsWinOverTheEnvironmentUnlessEmpty() throws Exception {
    Map<String, String> env = Map.of("MINIO_KES_SERVER", "10.0.0.1:7373", "MINIO_KMS_KES_API_KEY", "kes:v1:broken");
    var flags = new ClientEnvironment.Flags(Optional.of("kes-1:7373,http://kes-2:7373"), Optional.of(KEY), true);
    try (KesClient c = build(env, flags)) {
      assertThat(c.endpoints()).extracting(Endpoint::toString).containsExactly("https://kes-1:7373", "https://kes-2:7373");
    }
    assertThatThrownBy(() -> build(env, new ClientEnvironment.Flags(Optional.of(""), Optional.of(""), false)))
        .hasMessage("parsing API key: illegal base64 data at input byte 4"); // Go's text for "broken"
  }

  @Test
  void exactlyOneKindOfCredential() {
    fails(Map.of(), "no API key specified. Consider setting MINIO_KES_API_KEY");
    fails(Map.of("KES_API_KEY", KEY, "KES_CLIENT_KEY", "k.key"), "API key and private key file cannot be used at the same time");
    fails(Map.of("KES_API_KEY", KEY, "KES_CLIENT_CERT", "c.crt"), "API key and certificate file cannot be used at the same time");
    fails(Map.of("MINIO_KES_KEY_FILE", "k.key"), "no certificate file specified. Consider setting MINIO_KES_CERT_FILE");
    fails(Map.of("MINIO_KES_CLIENT_CERT", "c.crt"), "no private key file specified. Consider setting MINIO_KES_KEY_FILE");
    fails(Map.of("KES_API_KEY", "kes:v1:AAAA"), "parsing API key: kes: invalid API key: invalid length");
    fails(Map.of("KES_API_KEY", KEY, "KES_SERVER", "a,,b"), "empty entry in the KES endpoint list 'a,,b'");
  }

  @Test
  void certificateFilesAndAnEncryptedKey() throws Exception {
    KeyPair keys = SelfSignedCertificates.generateEcP256(new SecureRandom());
    Instant now = Instant.now();
    var cert = SelfSignedCertificates.create(keys, new SelfSignedCertificates.Template("c", List.of(), List.of(),
        List.of(SelfSignedCertificates.Usage.CLIENT_AUTH), now, now.plus(Duration.ofDays(1))), new SecureRandom());
    Path certFile = Files.writeString(dir.resolve("c.crt"), Pem.encodeCertificate(cert));
    Path keyFile = Files.writeString(dir.resolve("c.key"),
        Pem.encodeEncryptedPrivateKey(keys.getPrivate(), "secret".toCharArray(), new SecureRandom()));
    Map<String, String> env = new HashMap<>(Map.of("KES_CLIENT_CERT", certFile.toString(), "KES_CLIENT_KEY", keyFile.toString()));

    try (KesClient c = ClientEnvironment.configure(env, ClientEnvironment.Flags.none(), "secret"::toCharArray).build()) {
      assertThat(c.identity()).isEqualTo(org.openkes.core.identity.Identity.ofCertificate(cert));
    }
    // A wrong password is nearly always detected as such (RFC 1423 padding; see KeyMaterialException).
    assertThatThrownBy(() -> ClientEnvironment.configure(env, ClientEnvironment.Flags.none(), "wrong"::toCharArray))
        .isInstanceOf(ClientConfigurationException.class)
        .satisfies(e -> assertThat(e.getMessage()).isIn("incorrect password",
            "private key file '" + keyFile + "': tls: failed to parse private key"));
    env.put("KES_CLIENT_CERT", dir.resolve("missing.crt").toString());
    assertThatThrownBy(() -> ClientEnvironment.configure(env, ClientEnvironment.Flags.none(), "secret"::toCharArray))
        .hasMessage("certificate file '" + dir.resolve("missing.crt") + "' does not exist");
  }
}
