package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ServerConfig.ClientAuth;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.server.tls.ClientCas;
import org.openkes.server.tls.ServerCredentials;
import org.openkes.server.tls.ServerTls;
import org.openkes.server.tls.TlsException;

/** TLS material and the verifying client-certificate modes (kes-compat.md §2.1, §4.4). */
class TlsTest {
  /** A CA and a client certificate it issued. */
  record Pki(KeyPair caKeys, X509Certificate ca, TestCerts.Client client) {}

  static Pki pki() throws Exception {
    KeyPair caKeys = SelfSignedCertificates.generateEcP256(TestCerts.RANDOM);
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=Test CA");
    JcaX509v3CertificateBuilder cab = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
        Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), caName,
        caKeys.getPublic());
    cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    cab.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
        cab.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));

    KeyPair keys = SelfSignedCertificates.generateEcP256(TestCerts.RANDOM);
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
        Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)),
        new X500Name("CN=client"), keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    return new Pki(caKeys, ca, new TestCerts.Client(keys.getPrivate(), cert,
        Identity.ofCertificate(cert)));
  }

  static TestServer verifying(ClientAuth mode, Pki pki, TestCerts.Client... policyMembers)
      throws Exception {
    TestServer.Builder b = TestServer.builder().admin(pki.client()).clientAuth(mode);
    if (mode == ClientAuth.VERIFY_IF_GIVEN) {
      b.api("/v1/ready", java.time.Duration.ZERO, true);
    }
    ServerSpec spec = b.spec();
    ServerSpec withCa = new ServerSpec(spec.address(),
        new ServerTls(spec.tls().credentials(), mode, List.of(pki.ca())), spec.admin(),
        spec.policies(), spec.api(), spec.cache(), spec.log(), spec.keys(), spec.keystore());
    TestServer s = b.start();
    s.server.reload(withCa);
    return s;
  }

  @Test
  void requireAndVerifyAcceptsOnlyCaIssuedCertificates() throws Exception {
    Pki pki = pki();
    try (TestServer s = verifying(ClientAuth.REQUIRE_AND_VERIFY, pki)) {
      assertThat(s.client(pki.client()).get("/v1/status").status()).isEqualTo(200);
      // An API key's self-signed certificate is not accepted in this mode (§2.1).
      TestClient selfSigned = s.client(TestCerts.apiKey());
      assertThatThrownBy(() -> selfSigned.get("/version")).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> s.client(null).get("/version")).isInstanceOf(IOException.class);
      assertThat(s.stderr()).contains("level=INFO msg=\"http: TLS handshake error from 127.0.0.1:")
          .contains(": tls: client didn't provide a certificate\"");
    }
  }

  @Test
  void verifyIfGivenLetsAnonymousClientsIn() throws Exception {
    Pki pki = pki();
    try (TestServer s = verifying(ClientAuth.VERIFY_IF_GIVEN, pki)) {
      assertThat(s.client(null).get("/v1/ready").status()).isEqualTo(200);
      assertThat(s.client(null).get("/v1/status").body())
          .isEqualTo("{\"message\":\"tls: client certificate is required\"\n}");
      assertThat(s.client(pki.client()).get("/v1/status").status()).isEqualTo(200);
      TestClient selfSigned = s.client(TestCerts.apiKey());
      assertThatThrownBy(() -> selfSigned.get("/version")).isInstanceOf(IOException.class);
    }
  }

  @Test
  void emptyCertificateAuthoritiesAreAdvertisedInTheAnyModes() throws Exception {
    try (TestServer s = TestServer.start()) {
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      List<java.security.Principal[]> seen = new java.util.ArrayList<>();
      TestCerts.Client c = TestCerts.apiKey();
      ctx.init(new javax.net.ssl.KeyManager[] {new TestClient.FixedKeyManager(c.key(), c.cert()) {
        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers,
            java.net.Socket socket) {
          seen.add(issuers);
          return super.chooseClientAlias(keyType, issuers, socket);
        }
      }}, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
        public void checkClientTrusted(X509Certificate[] x, String a) {}

        public void checkServerTrusted(X509Certificate[] x, String a) {}

        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      for (String tls : new String[] {"TLSv1.2", "TLSv1.3"}) {
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory()
            .createSocket("127.0.0.1", s.server.port())) {
          socket.setEnabledProtocols(new String[] {tls});
          socket.startHandshake();
        }
      }
      assertThat(seen).hasSize(2).allSatisfy(p -> assertThat(p == null ? new Object[0] : p).isEmpty());
    }
  }

  @Test
  void encryptedServerKeyNeedsItsPassword(@TempDir Path dir) throws Exception {
    KeyAndCertificate kc = TestCerts.server();
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    Files.writeString(cert, Pem.encodeCertificate(kc.certificate()));
    Files.writeString(key, Pem.encodeEncryptedPrivateKey(kc.privateKey(), "s3cret".toCharArray(),
        TestCerts.RANDOM));
    ServerCredentials ok = ServerCredentials.load(cert, key, "s3cret");
    assertThat(ok.leaf()).isEqualTo(kc.certificate());
    assertThatThrownBy(() -> ServerCredentials.load(cert, key, ""))
        .isInstanceOf(TlsException.class)
        .hasMessage("failed to read TLS certificate: https: private key is encrypted: password"
            + " required");
    assertThatThrownBy(() -> ServerCredentials.load(cert, key, "wrong"))
        .isInstanceOf(TlsException.class).hasMessageStartingWith("failed to read TLS certificate: ");
  }

  @Test
  void serverCertificateNeedsASan(@TempDir Path dir) throws Exception {
    KeyPair keys = SelfSignedCertificates.generateEcP256(TestCerts.RANDOM);
    X509Certificate noSan = SelfSignedCertificates.create(keys, new SelfSignedCertificates.Template(
        "server", List.of(), List.of(), List.of(SelfSignedCertificates.Usage.SERVER_AUTH),
        Instant.now(), Instant.now().plusSeconds(60)), TestCerts.RANDOM);
    Path cert = dir.resolve("c.pem");
    Path key = dir.resolve("k.pem");
    Files.writeString(cert, Pem.encodeCertificate(noSan));
    Files.writeString(key, Pem.encodePrivateKey(keys.getPrivate()));
    assertThatThrownBy(() -> ServerCredentials.load(cert, key, ""))
        .hasMessage("invalid TLS certificate: certificate does not contain any DNS or IP address"
            + " as SAN");
    Files.writeString(key, Pem.encodePrivateKey(TestCerts.server().privateKey()));
    assertThatThrownBy(() -> ServerCredentials.load(cert, key, ""))
        .hasMessage("failed to read TLS certificate: tls: private key does not match public key");
    Files.writeString(cert, "not pem");
    assertThatThrownBy(() -> ServerCredentials.load(cert, key, ""))
        .hasMessage("failed to read TLS certificate: https: no valid PEM data");
  }

  @Test
  void caFilesAndDirectories(@TempDir Path dir) throws Exception {
    Pki pki = pki();
    Path cas = dir.resolve("cas");
    Files.createDirectories(cas.resolve("sub"));
    Files.writeString(cas.resolve("a.pem"), Pem.encodeCertificate(pki.ca()));
    Files.writeString(cas.resolve("b.pem"), Pem.encodeCertificate(TestCerts.server().certificate()));
    assertThat(ClientCas.load(cas)).hasSize(2);
    assertThat(ClientCas.load(cas.resolve("a.pem"))).containsExactly(pki.ca());
    assertThatThrownBy(() -> ClientCas.load(dir.resolve("missing")))
        .hasMessage("failed to read TLS CA certificates: stat " + dir.resolve("missing")
            + ": no such file or directory");
    Files.writeString(cas.resolve("c.pem"), "");
    assertThatThrownBy(() -> ClientCas.load(cas))
        .hasMessage("failed to read TLS CA certificates: https: failed to add '"
            + cas.resolve("c.pem") + "' as CA certificate");
  }

  @Test
  void reloadTlsServesTheNewCertificateToNewConnections() throws Exception {
    try (TestServer s = TestServer.start()) {
      KeyAndCertificate next = SelfSignedCertificates.forDevServer(
          List.of(InetAddress.getLoopbackAddress()), Instant.now(), TestCerts.RANDOM);
      s.server.reloadTls(new ServerTls(ServerCredentials.of(next), ClientAuth.REQUIRE_ANY,
          List.of()));
      TestClient old = s.client(s.admin);
      assertThatThrownBy(() -> old.get("/version")).isInstanceOf(IOException.class);
      TestClient fresh = new TestClient(s.uri(), next.certificate(), s.admin,
          HttpClient.Version.HTTP_2, null);
      assertThat(fresh.get("/v1/status").status()).isEqualTo(200);
    }
  }
}
