package org.openkes.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.KeyAgreement;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.openkes.core.identity.SelfSignedCertificates;

/** The provider's P-256 (key pairs, ECDH, ECDSA verification) agrees with the JDK's. */
class P256Test {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BigInteger N = P256.N;

  private static KeyPair jdkPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static KeyPair ourPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new CurveProvider());
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static byte[] agree(String provider, KeyPair mine, KeyPair theirs) throws Exception {
    KeyAgreement ka = provider == null
        ? KeyAgreement.getInstance("ECDH", new CurveProvider())
        : KeyAgreement.getInstance("ECDH", provider);
    ka.init(mine.getPrivate());
    ka.doPhase(theirs.getPublic(), true);
    return ka.generateSecret();
  }

  @Test
  void keyPairsAreValidJdkKeysWhosePublicHalfMatchesThePrivate() throws Exception {
    for (int i = 0; i < 50; i++) {
      KeyPair ours = ourPair();
      ECPrivateKey d = (ECPrivateKey) ours.getPrivate();
      assertThat(d.getS()).isPositive().isLessThan(N);
      assertThat(P256.is(d)).isTrue();
      // The JDK agrees with both halves: SunEC's ECDH of (ours, jdk) equals (jdk, ours).
      KeyPair jdk = jdkPair();
      assertThat(agree("SunEC", ours, jdk)).isEqualTo(agree("SunEC", jdk, ours));
      // The encodings read back through the JDK's key factory.
      KeyFactory kf = KeyFactory.getInstance("EC", "SunEC");
      assertThat(kf.generatePublic(new java.security.spec.X509EncodedKeySpec(
          ours.getPublic().getEncoded()))).isEqualTo(ours.getPublic());
    }
  }

  @Test
  void ecdhAgreesWithTheJdk() throws Exception {
    for (int i = 0; i < 50; i++) {
      KeyPair a = jdkPair();
      KeyPair b = jdkPair();
      byte[] jdk = agree("SunEC", a, b);
      assertThat(agree(null, a, b)).hasSize(32).isEqualTo(jdk);
      assertThat(agree(null, b, a)).isEqualTo(jdk);
    }
  }

  @Test
  void ecdhRefusesAPointOffTheCurve() throws Exception {
    ECPublicKey good = (ECPublicKey) jdkPair().getPublic();
    ECPoint w = good.getW();
    ECPublicKey off = new ForgedKey(new ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE)),
        good.getParams());
    KeyAgreement ka = KeyAgreement.getInstance("ECDH", new CurveProvider());
    ka.init(jdkPair().getPrivate());
    assertThatThrownBy(() -> ka.doPhase(off, true)).isInstanceOf(InvalidKeyException.class);
    assertThatThrownBy(() -> {
      Signature v = Signature.getInstance("SHA256withECDSA", new CurveProvider());
      v.initVerify(off);
    }).isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void verifiesWhatTheJdkSignsAndNothingElse() throws Exception {
    byte[] message = new byte[100];
    for (String alg : List.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA")) {
      for (int i = 0; i < 30; i++) {
        RANDOM.nextBytes(message);
        KeyPair kp = jdkPair();
        Signature signer = Signature.getInstance(alg, "SunEC");
        signer.initSign(kp.getPrivate());
        signer.update(message);
        byte[] sig = signer.sign();

        Signature v = Signature.getInstance(alg, new CurveProvider());
        v.initVerify(kp.getPublic());
        v.update(message);
        assertThat(v.verify(sig)).as(alg).isTrue();

        message[i] ^= 1;
        v.update(message);
        assertThat(v.verify(sig)).as(alg + ", other message").isFalse();
        message[i] ^= 1;
        v.update(message);
        assertThat(v.verify(jdkSign(alg, jdkPair(), message))).as(alg + ", other key").isFalse();
      }
    }
  }

  private static byte[] jdkSign(String alg, KeyPair kp, byte[] message) throws Exception {
    Signature s = Signature.getInstance(alg, "SunEC");
    s.initSign(kp.getPrivate());
    s.update(message);
    return s.sign();
  }

  /** Malformed and out-of-range signatures get the JDK's answer: false, or an exception. */
  @Test
  void oddSignaturesGetTheJdksAnswer() throws Exception {
    KeyPair kp = jdkPair();
    byte[] message = "m".getBytes();
    byte[] good = jdkSign("SHA256withECDSA", kp, message);
    HexFormat hex = HexFormat.of();
    String n = N.toString(16);
    List<byte[]> odd = List.of(
        new byte[0],
        hex.parseHex("3000"),
        hex.parseHex("3006020100020101"), // r = 0
        hex.parseHex("3006020101020100"), // s = 0
        hex.parseHex("3006020101020181"), // s negative
        hex.parseHex("3026022100" + n + "020101"), // r = n
        hex.parseHex("300702020001020101"), // r with a needless leading zero (not DER)
        hex.parseHex("3080020101020101" + "0000"), // indefinite length (BER)
        append(good, (byte) 0), // a byte after the sequence
        hex.parseHex("3106020101020101"), // a SET, not a SEQUENCE
        hex.parseHex("3009020101020101020101")); // three integers
    var jdkAnswers = new java.util.HashSet<String>();
    for (byte[] sig : odd) {
      String jdk = outcome(null, kp, message, sig);
      jdkAnswers.add(jdk);
      assertThat(outcome(new CurveProvider(), kp, message, sig))
          .as(hex.formatHex(sig))
          .isEqualTo(jdk);
    }
    assertThat(jdkAnswers).containsExactlyInAnyOrder("false", "exception"); // both kinds covered
  }

  private static byte[] append(byte[] a, byte b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  /** "true", "false" or "exception". */
  private static String outcome(java.security.Provider p, KeyPair kp, byte[] m, byte[] sig)
      throws Exception {
    Signature v = p == null ? Signature.getInstance("SHA256withECDSA", "SunEC")
        : Signature.getInstance("SHA256withECDSA", p);
    v.initVerify(kp.getPublic());
    v.update(m);
    try {
      return String.valueOf(v.verify(sig));
    } catch (SignatureException e) {
      return "exception";
    }
  }

  @Test
  void otherCurvesAndSigningAreLeftToTheJdk() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new CurveProvider());
    assertThatThrownBy(() -> g.initialize(new ECGenParameterSpec("secp384r1")))
        .isInstanceOf(InvalidAlgorithmParameterException.class);
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC", "SunEC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair other = p384.generateKeyPair();
    assertThat(P256Signature.supportsKey(other.getPublic())).isFalse();
    assertThat(P256KeyAgreement.supportsKey(other.getPrivate())).isFalse();
    assertThat(P256Signature.supportsKey(jdkPair().getPrivate())).isFalse(); // signing
    assertThatThrownBy(() -> Signature.getInstance("SHA256withECDSA", new CurveProvider())
        .initSign(jdkPair().getPrivate())).isInstanceOf(InvalidKeyException.class);

    // Uninitialised, the generator makes what the JDK's makes by default.
    ECPublicKey byDefault = (ECPublicKey) KeyPairGenerator.getInstance("EC", new CurveProvider())
        .generateKeyPair().getPublic();
    ECPublicKey jdkDefault = (ECPublicKey) KeyPairGenerator.getInstance("EC", "SunEC")
        .generateKeyPair().getPublic();
    assertThat(byDefault.getParams().getOrder()).isEqualTo(jdkDefault.getParams().getOrder());
  }

  @Test
  void recognisesTheJdksP256ParametersOnly() throws Exception {
    AlgorithmParameters a = AlgorithmParameters.getInstance("EC", "SunEC");
    a.init(new ECGenParameterSpec("secp256r1"));
    assertThat(P256.is(a.getParameterSpec(ECParameterSpec.class))).isTrue();
    a = AlgorithmParameters.getInstance("EC", "SunEC");
    a.init(new ECGenParameterSpec("secp384r1"));
    assertThat(P256.is(a.getParameterSpec(ECParameterSpec.class))).isFalse();
    assertThat(P256.is((ECParameterSpec) null)).isFalse();
  }

  /**
   * Installed first, the provider carries a whole TLS 1.3 handshake on P-256 only (key share and
   * ECDSA server certificate): JSSE takes our key pairs, agreement and verification.
   */
  @Test
  void carriesATls13HandshakeOnP256() throws Exception {
    CurveProvider.install();
    SecureRandom random = new SecureRandom();
    var server = SelfSignedCertificates.forDevServer(List.of(), Instant.now(), random);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", server.privateKey(), new char[0],
        new X509Certificate[] {server.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(ks, new char[0]);
    SSLContext serverCtx = SSLContext.getInstance("TLSv1.3");
    serverCtx.init(kmf.getKeyManagers(), null, random);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", server.certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext clientCtx = SSLContext.getInstance("TLSv1.3");
    clientCtx.init(null, tmf.getTrustManagers(), random);

    SSLEngine client = clientCtx.createSSLEngine("localhost", 443);
    client.setUseClientMode(true);
    SSLParameters p = client.getSSLParameters();
    p.setNamedGroups(new String[] {"secp256r1"});
    p.setSignatureSchemes(new String[] {"ecdsa_secp256r1_sha256"});
    client.setSSLParameters(p);
    SSLEngine srv = serverCtx.createSSLEngine();
    srv.setUseClientMode(false);

    handshake(client, srv);
    assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(server.certificate());
    // What JSSE's own lookups (no provider named) resolve to, for P-256 keys.
    assertThat(KeyPairGenerator.getInstance("EC").getProvider().getName())
        .isEqualTo(CurveProvider.NAME);
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(jdkPair().getPrivate());
    assertThat(ka.getProvider().getName()).isEqualTo(CurveProvider.NAME);
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(server.certificate().getPublicKey());
    assertThat(v.getProvider().getName()).isEqualTo(CurveProvider.NAME);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(server.privateKey());
    assertThat(s.getProvider().getName()).isEqualTo("SunEC");
  }

  private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
    int size = client.getSession().getPacketBufferSize();
    ByteBuffer toServer = ByteBuffer.allocate(size * 4);
    ByteBuffer toClient = ByteBuffer.allocate(size * 4);
    ByteBuffer empty = ByteBuffer.allocate(0);
    ByteBuffer sink = ByteBuffer.allocate(client.getSession().getApplicationBufferSize() * 2);
    client.beginHandshake();
    server.beginHandshake();
    for (int round = 0; round < 100 && !(done(client) && done(server)); round++) {
      step(client, empty, toServer, toClient, sink);
      step(server, empty, toClient, toServer, sink);
    }
    assertThat(done(client) && done(server)).as("handshake finished").isTrue();
  }

  private static boolean done(SSLEngine e) {
    HandshakeStatus s = e.getHandshakeStatus();
    return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
  }

  /** One round for one side: run tasks, write what it has to send, read what it got. */
  private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in,
      ByteBuffer sink) throws Exception {
    Runnable task;
    while ((task = e.getDelegatedTask()) != null) {
      task.run();
    }
    e.wrap(empty, out);
    in.flip();
    while (in.hasRemaining()) {
      var r = e.unwrap(in, sink);
      while ((task = e.getDelegatedTask()) != null) {
        task.run();
      }
      sink.clear();
      if (r.bytesConsumed() == 0) {
        break;
      }
    }
    in.compact();
  }

  /** A public key whose point the JDK's key factory would not check. */
  private record ForgedKey(ECPoint getW, ECParameterSpec getParams) implements ECPublicKey {
    @Override
    public String getAlgorithm() {
      return "EC";
    }

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }
}
