package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.client.FakeKesServer.Response;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;

/** Client certificates from API keys and from PEM files, as the server sees them. */
class CredentialsTest {
  @TempDir Path dir;
  private FakeKesServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeKesServer.start();
    server.respond(Response.json(200, "{\"version\":\"v\"}"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Identity seenBy(Credentials credentials) throws Exception {
    try (KesClient c = TestKeys.client(server, new TestKeys.RecordingSleeper()).credentials(credentials).build()) {
      c.version();
      assertThat(c.identity()).isEqualTo(credentials.identity());
    }
    return server.lastRequest().clientIdentity();
  }

  private static KeyPair keys(String algorithm) throws Exception {
    if (algorithm.equals("EC")) {
      return SelfSignedCertificates.generateEcP256(new SecureRandom());
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("RSA")) {
      g.initialize(2048);
    }
    return g.generateKeyPair();
  }

  private static X509Certificate cert(KeyPair keys) throws Exception {
    Instant now = Instant.now();
    return SelfSignedCertificates.create(keys, new SelfSignedCertificates.Template("client", List.of(),
        List.<InetAddress>of(), List.of(SelfSignedCertificates.Usage.CLIENT_AUTH), now, now.plus(Duration.ofDays(1))),
        new SecureRandom());
  }

  @Test
  void anApiKeysCertificateCarriesItsIdentity() throws Exception {
    Credentials c = Credentials.apiKey(TestKeys.API_KEY);
    assertThat(seenBy(c)).isEqualTo(TestKeys.API_KEY.identity());
    X509Certificate cert = c.chain().get(0);
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + TestKeys.API_KEY.identity());
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(c.toString()).doesNotContain(TestKeys.API_KEY.reveal()).contains(TestKeys.API_KEY.identity().value());
  }

  @Test
  void pemFilesOfEveryKeyTypeWork() throws Exception {
    for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
      KeyPair k = keys(alg);
      X509Certificate cert = cert(k);
      Path certFile = Files.writeString(dir.resolve(alg + ".crt"), Pem.encodeCertificate(cert));
      Path keyFile = Files.writeString(dir.resolve(alg + ".key"), Pem.encodePrivateKey(k.getPrivate()));
      assertThat(seenBy(Credentials.pemFiles(certFile, keyFile, null))).as(alg).isEqualTo(Identity.ofCertificate(cert));
    }
  }

  @Test
  void anEncryptedKeyNeedsItsPassword() throws Exception {
    KeyPair k = keys("EC");
    Path certFile = Files.writeString(dir.resolve("c.crt"), Pem.encodeCertificate(cert(k)));
    Path keyFile = Files.writeString(dir.resolve("c.key"),
        Pem.encodeEncryptedPrivateKey(k.getPrivate(), "pw".toCharArray(), new SecureRandom()));
    assertThatThrownBy(() -> Credentials.pemFiles(certFile, keyFile, null))
        .isInstanceOf(InvalidCredentialsException.class)
        .hasMessage("private key file '" + keyFile + "': https: private key is encrypted: password required");
    assertThat(seenBy(Credentials.pemFiles(certFile, keyFile, "pw".toCharArray()))).isNotNull();
  }

  @Test
  void problemsNameTheFile() throws Exception {
    KeyPair a = keys("EC");
    Path certFile = Files.writeString(dir.resolve("a.crt"), Pem.encodeCertificate(cert(a)));
    Path otherKey = Files.writeString(dir.resolve("b.key"), Pem.encodePrivateKey(keys("EC").getPrivate()));
    Path missing = dir.resolve("missing.crt");
    assertThatThrownBy(() -> Credentials.pemFiles(missing, otherKey, null))
        .hasMessage("certificate file '" + missing + "' does not exist");
    assertThatThrownBy(() -> Credentials.pemFiles(certFile, otherKey, null))
        .hasMessage("private key file '" + otherKey + "' does not belong to certificate file '" + certFile
            + "': tls: private key does not match public key");
    assertThatThrownBy(() -> Credentials.pemFiles(otherKey, otherKey, null))
        .hasMessage("certificate file '" + otherKey + "': https: unsupported PEM data block");
    assertThatThrownBy(() -> Credentials.certificate(keys("EC").getPrivate(), List.of(cert(a))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCaFileIsATrustAnchor() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), Pem.encodeCertificate(server.certificate()));
    try (KesClient c = TestKeys.client(server, new TestKeys.RecordingSleeper())
        .serverTrust(ServerTrust.caFile(ca)).build()) {
      assertThat(c.version().version()).isEqualTo("v");
    }
    assertThatThrownBy(() -> ServerTrust.caFile(dir.resolve("none.crt")))
        .isInstanceOf(InvalidCredentialsException.class).hasMessageContaining("cannot read CA file");
  }
}
