package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkes.core.identity.Identity;
import org.openkes.core.tls.CurveProvider;

/**
 * Our {@link CurveProvider} in handshakes with real KES (Go's crypto/tls): only P-256 offered, so
 * the key share, the ECDH secret and the check of the server's ECDSA P-256 signature go through
 * BouncyCastle's curve code on our side and Go's on the other; a wrong point, secret or
 * verification fails the handshake. Over TLS 1.3 and 1.2; the client presents an ECDSA P-256
 * certificate (signed by the JDK), the admin's identity.
 */
@RequiresRealKes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CurvesAgainstRealKesTest {
  @TempDir static Path dir;

  private final ClientCert admin = ClientCert.ecP256("admin");
  private RealKesServer server;

  @BeforeAll
  void start() throws Exception {
    CurveProvider.install();
    server = RealKesServer.builder(KesBinary.require(), dir.resolve("kes"))
        .admin(Identity.ofCertificate(admin.certificate()))
        .start();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "TLSv1.3, TLS_AES_128_GCM_SHA256",
    "TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
  })
  void handshakesOnP256AndIsServed(String protocol, String suite) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(MtlsHttp.keyManagers(admin), MtlsHttp.trusting(server.certificate()), null);
    try (SSLSocket s = (SSLSocket) tls.getSocketFactory()
        .createSocket(server.endpoint().host(), server.endpoint().uri().getPort())) {
      SSLParameters p = s.getSSLParameters();
      p.setProtocols(new String[] {protocol});
      p.setCipherSuites(new String[] {suite});
      p.setNamedGroups(new String[] {"secp256r1"});
      p.setSignatureSchemes(new String[] {"ecdsa_secp256r1_sha256"});
      s.setSSLParameters(p);
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
      assertThat(s.getSession().getCipherSuite()).isEqualTo(suite);

      OutputStream out = s.getOutputStream();
      out.write(("GET /v1/status HTTP/1.1\r\nHost: " + server.endpoint().host()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK"); // the admin, authenticated
    }
    // What JSSE asked the provider list for resolves to ours for P-256.
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    assertThat(g.getProvider().getName()).isEqualTo("OpenKES-Curves");
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(g.generateKeyPair().getPrivate());
    assertThat(ka.getProvider().getName()).isEqualTo("OpenKES-Curves");
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(server.certificate().getPublicKey());
    assertThat(v.getProvider().getName()).isEqualTo("OpenKES-Curves");
  }
}
