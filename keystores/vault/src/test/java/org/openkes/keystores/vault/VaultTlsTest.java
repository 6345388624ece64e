package org.openkes.keystores.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.keystore.KeyStoreContract.value;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ConfigException;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.core.identity.SelfSignedCertificates.Usage;
import org.openkes.core.keystore.KeyStoreException;

/**
 * {@code tls.key}, {@code tls.cert} and {@code tls.ca} against an OpenBao listener that requires
 * client certificates (mutual TLS), with the CA as a file and as a directory.
 */
@Timeout(120)
class VaultTlsTest {
  @TempDir static Path certs;
  private static OpenBao server;
  private static OpenBao.AppRoleCreds kes;

  @BeforeAll
  static void start() throws Exception {
    OpenBaoExtension.requireBao(VaultTlsTest.class);
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now();
    write("server", SelfSignedCertificates.generateEcP256(random), new SelfSignedCertificates.Template("openbao",
        List.of("localhost"), List.of(InetAddress.getByName("127.0.0.1")), List.of(Usage.SERVER_AUTH),
        now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1))), random);
    write("client", SelfSignedCertificates.generateEcP256(random), new SelfSignedCertificates.Template("kes",
        List.of(), List.of(), List.of(Usage.CLIENT_AUTH), now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1))), random);
    write("stranger", SelfSignedCertificates.generateEcP256(random), new SelfSignedCertificates.Template("stranger",
        List.of(), List.of(InetAddress.getByName("127.0.0.1")), List.of(Usage.SERVER_AUTH, Usage.CLIENT_AUTH),
        now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1))), random);
    Files.createDirectories(certs.resolve("ca-dir"));
    Files.copy(certs.resolve("stranger.crt"), certs.resolve("ca-dir/a-stranger.pem"));
    Files.copy(certs.resolve("server.crt"), certs.resolve("ca-dir/openbao.pem"));

    server = OpenBao.devWithMutualTls(certs.resolve("server.crt"), certs.resolve("server.key"), certs.resolve("client.crt"));
    server.enableKv("kv", 2);
    server.enableAuth("approle", "approle");
    server.policy("kes", OpenBaoExtension.KES_POLICY);
    kes = server.appRole("approle", "kes", OpenBao.map("token_policies", "kes"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static void write(String name, KeyPair keys, SelfSignedCertificates.Template t, SecureRandom random) throws Exception {
    X509Certificate cert = SelfSignedCertificates.create(keys, t, random);
    Files.writeString(certs.resolve(name + ".crt"), Pem.encodeCertificate(cert));
    Files.writeString(certs.resolve(name + ".key"), Pem.encodePrivateKey(keys.getPrivate()));
  }

  private static Map<String, Object> config(Map<String, String> tls) {
    return Map.of("endpoint", server.tlsAddress().toString(), "engine", "kv", "version", "v2",
        "prefix", TestStores.uniquePrefix("tls"), "approle", Map.of("id", kes.roleId(), "secret", kes.secretId()), "tls", tls);
  }

  private static String file(String name) {
    return certs.resolve(name).toString();
  }

  @Test
  void mutualTlsWithTheCaAsAFile() throws Exception {
    try (VaultKeyStore s = TestStores.open(config(Map.of("key", file("client.key"), "cert", file("client.crt"), "ca", file("server.crt"))))) {
      s.status();
      s.create("k", value(1));
      assertThat(s.get("k")).isEqualTo(value(1));
    }
  }

  @Test
  void mutualTlsWithTheCaAsADirectory() throws Exception {
    try (VaultKeyStore s = TestStores.open(config(Map.of("key", file("client.key"), "cert", file("client.crt"), "ca", file("ca-dir"))))) {
      s.create("k", value(2));
      assertThat(s.get("k")).isEqualTo(value(2));
    }
  }

  @Test
  void anUntrustedServerIsRefused() {
    assertThatThrownBy(() -> TestStores.open(config(Map.of("key", file("client.key"), "cert", file("client.crt"), "ca", file("stranger.crt")))))
        .isInstanceOf(KeyStoreException.Unreachable.class)
        .hasMessageStartingWith("vault: TLS handshake with " + server.tlsAddress() + " failed")
        .hasMessageEndingWith("(is keystore.vault.tls.ca the CA of Vault's certificate?)");
  }

  @Test
  void withoutAClientCertificateVaultRefusesTheConnection() {
    assertThatThrownBy(() -> TestStores.open(config(Map.of("ca", file("server.crt")))))
        .isInstanceOf(KeyStoreException.Unreachable.class)
        .hasMessageStartingWith("vault: TLS handshake with " + server.tlsAddress() + " failed")
        .hasMessageContaining("certificate_required")
        .hasMessageEndingWith("(set keystore.vault.tls.key and .cert to a client certificate Vault accepts)");
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateIsAConfigError() {
    assertThatThrownBy(() -> TestStores.open(config(Map.of("key", file("server.key"), "cert", file("client.crt"), "ca", file("server.crt")))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vault: invalid TLS material: tls: private key does not match public key");
    assertThatThrownBy(() -> TestStores.open(config(Map.of("key", file("missing.key"), "cert", file("client.crt")))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vault: failed to read the TLS private key '" + file("missing.key") + "': no such file or directory");
  }
}
