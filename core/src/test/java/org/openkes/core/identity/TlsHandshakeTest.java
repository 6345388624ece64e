package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real JSSE handshakes on the loopback interface, server in KES's default "require any client
 * certificate" mode (§2.1): the identity the server computes from the peer certificate must be
 * the one the client expects.
 */
class TlsHandshakeTest {
  private static ExecutorService executor;
  private static KeyAndCertificate server;

  @BeforeAll
  static void setUp() {
    executor = Executors.newCachedThreadPool();
    server =
        SelfSignedCertificates.forDevServer(
            List.of(InetAddress.getLoopbackAddress()), Instant.now(), new SecureRandom());
  }

  @AfterAll
  static void tearDown() {
    executor.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void apiKeyClientCertificate(String protocol) throws Exception {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);

    PeerIdentity seen = handshake(protocol, key.jcaPrivateKey(), key.certificate());

    assertThat(seen).isEqualTo(new PeerIdentity.Identified(key.identity()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void ecdsaClientCertificate(String protocol) throws Exception {
    KeyPair keys = SelfSignedCertificates.generateEcP256(TestSupport.RANDOM);
    X509Certificate cert = clientCertificate(keys);

    PeerIdentity seen = handshake(protocol, keys.getPrivate(), cert);

    assertThat(seen)
        .isEqualTo(
            new PeerIdentity.Identified(
                Identity.ofSubjectPublicKeyInfo(keys.getPublic().getEncoded())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void rsaClientCertificate(String protocol) throws Exception {
    KeyPair keys = TestSupport.generate("RSA", 2048);
    X509Certificate cert = clientCertificate(keys);

    PeerIdentity seen = handshake(protocol, keys.getPrivate(), cert);

    assertThat(seen)
        .isEqualTo(
            new PeerIdentity.Identified(
                Identity.ofSubjectPublicKeyInfo(keys.getPublic().getEncoded())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void identityNewCertificateWorksAsClientCertificate(String protocol) throws Exception {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);
    X509Certificate cert =
        SelfSignedCertificates.forIdentityNew(
            key,
            java.util.Optional.of("Client-1"),
            List.of("client.local"),
            List.of(InetAddress.getLoopbackAddress()),
            SelfSignedCertificates.IDENTITY_NEW_DEFAULT_EXPIRY,
            Instant.now(),
            TestSupport.RANDOM);

    assertThat(handshake(protocol, key.jcaPrivateKey(), cert))
        .isEqualTo(new PeerIdentity.Identified(key.identity()));
  }

  private static X509Certificate clientCertificate(KeyPair keys) {
    Instant now = Instant.now();
    return SelfSignedCertificates.create(
        keys,
        new SelfSignedCertificates.Template(
            "client",
            List.of(),
            List.of(),
            List.of(SelfSignedCertificates.Usage.CLIENT_AUTH),
            now,
            now.plusSeconds(3600)),
        TestSupport.RANDOM);
  }

  /** Runs one handshake; returns what the server made of the client's certificates. */
  private static PeerIdentity handshake(
      String protocol, PrivateKey clientKey, X509Certificate clientCert) throws Exception {
    char[] pw = "unused".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", server.privateKey(), pw, new Certificate[] {server.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    SSLContext serverCtx = SSLContext.getInstance("TLS");
    serverCtx.init(kmf.getKeyManagers(), new TrustManager[] {new AcceptAny()}, null);

    SSLContext clientCtx = SSLContext.getInstance("TLS");
    clientCtx.init(
        new javax.net.ssl.KeyManager[] {new FixedKeyManager(clientKey, clientCert)},
        new TrustManager[] {new AcceptAny()},
        null);

    try (SSLServerSocket listener =
        (SSLServerSocket)
            serverCtx
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      listener.setNeedClientAuth(true); // "require any": must send, not verified
      listener.setEnabledProtocols(new String[] {protocol});
      listener.setSoTimeout(10_000);

      CompletableFuture<String> negotiated = new CompletableFuture<>();
      Future<PeerIdentity> serverSide =
          executor.submit(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.setSoTimeout(10_000);
                  s.startHandshake();
                  negotiated.complete(s.getSession().getProtocol());
                  List<X509Certificate> peer = new ArrayList<>();
                  for (Certificate c : s.getSession().getPeerCertificates()) {
                    peer.add((X509Certificate) c);
                  }
                  PeerIdentity id = Identity.ofPeerChain(peer);
                  OutputStream out = s.getOutputStream();
                  out.write(42);
                  out.flush();
                  return id;
                }
              });

      try (SSLSocket client = (SSLSocket) clientCtx.getSocketFactory().createSocket()) {
        client.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 10_000);
        client.setSoTimeout(10_000);
        client.setEnabledProtocols(new String[] {protocol});
        client.startHandshake();
        InputStream in = client.getInputStream();
        assertThat(in.read()).isEqualTo(42);
      }
      PeerIdentity result = serverSide.get(20, TimeUnit.SECONDS);
      assertThat(negotiated.get(1, TimeUnit.SECONDS)).isEqualTo(protocol);
      return result;
    }
  }

  /** KES's default mode: any client chain is accepted; no CA names are advertised. */
  private static final class AcceptAny extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Always offers the one client certificate; JSSE checks it fits the negotiated scheme. */
  private static final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    private final PrivateKey key;
    private final X509Certificate cert;

    FixedKeyManager(PrivateKey key, X509Certificate cert) {
      this.key = key;
      this.cert = cert;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return new X509Certificate[] {cert};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }
}
