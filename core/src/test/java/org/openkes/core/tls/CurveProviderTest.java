package org.openkes.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The provider's Ed25519 and X25519 agree with the JDK's and with RFC 8032 / RFC 7748. */
class CurveProviderTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 §7.1, TEST 2 (one-byte message). */
  private static final String SECRET =
      "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
  private static final String PUBLIC =
      "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
  private static final String SIGNATURE = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223"
      + "ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

  private static Signature fast() throws Exception {
    return Signature.getInstance("Ed25519", new CurveProvider());
  }

  private static KeyPair rfcKeyPair() throws Exception {
    KeyFactory kf = KeyFactory.getInstance("Ed25519", "SunEC");
    // PKCS#8 and SPKI prefixes for Ed25519 (RFC 8410).
    byte[] pkcs8 = HEX.parseHex("302e020100300506032b657004220420" + SECRET);
    byte[] spki = HEX.parseHex("302a300506032b6570032100" + PUBLIC);
    return new KeyPair(kf.generatePublic(new X509EncodedKeySpec(spki)),
        kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
  }

  @Test
  void signsTheRfc8032Vector() throws Exception {
    KeyPair kp = rfcKeyPair();
    Signature s = fast();
    s.initSign(kp.getPrivate());
    s.update(new byte[] {0x72});
    assertThat(HEX.formatHex(s.sign())).isEqualTo(SIGNATURE);

    Signature v = fast();
    v.initVerify(kp.getPublic());
    v.update(new byte[] {0x72});
    assertThat(v.verify(HEX.parseHex(SIGNATURE))).isTrue();
    v.update(new byte[] {0x73});
    assertThat(v.verify(HEX.parseHex(SIGNATURE))).isFalse();
  }

  @Test
  void signaturesAgreeWithTheJdkBothWays() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", "SunEC");
    byte[] message = new byte[130];
    for (int i = 0; i < 200; i++) { // random keys cover odd and even x, short y encodings
      KeyPair kp = g.generateKeyPair();
      message[i % message.length] ^= (byte) i;
      Signature jdk = Signature.getInstance("Ed25519", "SunEC");
      jdk.initSign(kp.getPrivate());
      jdk.update(message);
      byte[] jdkSig = jdk.sign();

      Signature s = fast();
      s.initSign(kp.getPrivate());
      s.update(message);
      byte[] fastSig = s.sign();
      assertThat(fastSig).isEqualTo(jdkSig); // Ed25519 is deterministic

      Signature v = fast();
      v.initVerify(kp.getPublic());
      v.update(message);
      assertThat(v.verify(jdkSig)).isTrue();

      byte[] bad = jdkSig.clone();
      bad[i % 64] ^= 1;
      v.update(message);
      assertThat(v.verify(bad)).isFalse();
    }
  }

  @Test
  void leavesOtherKeysToOtherProviders() throws Exception {
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448", "SunEC").generateKeyPair();
    assertThat(CurveProvider.supportsKey(ed448.getPublic())).isFalse();
    assertThat(CurveProvider.supportsKey(ed448.getPrivate())).isFalse();
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    assertThat(CurveProvider.supportsKey(ec.getPrivate())).isFalse();
    assertThatThrownBy(() -> fast().initVerify(ed448.getPublic()))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void servesOnlyTheCurvesAskedFor() {
    var p = new CurveProvider(java.util.EnumSet.of(CurveProvider.Curve.X25519,
        CurveProvider.Curve.P256));
    assertThat(p.getService("Signature", "Ed25519")).isNull();
    assertThat(p.getService("KeyAgreement", "XDH")).isNotNull();
    assertThat(p.getService("KeyPairGenerator", "EC")).isNotNull();
    assertThat(p.getService("Signature", "SHA256withECDSA")).isNotNull();
    var all = new CurveProvider();
    assertThat(all.getService("Signature", "Ed25519")).isNotNull();
    assertThat(all.getService("KeyAgreement", "ECDH")).isNotNull();
  }

  @Test
  void installedFirstItServesJcaLookupsForEd25519KeysOnly() throws Exception {
    CurveProvider.install();
    CurveProvider.install(); // idempotent
    KeyPair kp = rfcKeyPair();
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(kp.getPrivate());
    assertThat(s.getProvider().getName()).isEqualTo(CurveProvider.NAME);
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
    Signature other = Signature.getInstance("EdDSA");
    other.initSign(ed448.getPrivate());
    assertThat(other.getProvider().getName()).isEqualTo("SunEC");
  }

  // --- X25519 ----------------------------------------------------------------------------

  /** RFC 7748 §6.1. */
  private static final String ALICE_SECRET =
      "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  private static final String ALICE_PUBLIC =
      "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  private static final String BOB_PUBLIC =
      "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
  private static final String SHARED =
      "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

  private static XECPublicKey jdkPublic(byte[] uLittleEndian) throws Exception {
    return (XECPublicKey) KeyFactory.getInstance("XDH", "SunEC").generatePublic(
        new XECPublicKeySpec(NamedParameterSpec.X25519,
            CurveProvider.fromLittleEndian(uLittleEndian)));
  }

  @Test
  void agreesOnTheRfc7748Vector() throws Exception {
    KeyAgreement ka = KeyAgreement.getInstance("XDH", new CurveProvider());
    ka.init(new X25519Keys.Private(HEX.parseHex(ALICE_SECRET)));
    ka.doPhase(jdkPublic(HEX.parseHex(BOB_PUBLIC)), true);
    assertThat(HEX.formatHex(ka.generateSecret())).isEqualTo(SHARED);

    byte[] alicePublic = new byte[32];
    org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(HEX.parseHex(ALICE_SECRET), 0,
        alicePublic, 0);
    assertThat(HEX.formatHex(alicePublic)).isEqualTo(ALICE_PUBLIC);
    assertThat(CurveProvider.littleEndian(new X25519Keys.Public(alicePublic).getU()))
        .isEqualTo(alicePublic);
  }

  @Test
  void agreementsAgreeWithTheJdkBothWays() throws Exception {
    CurveProvider ours = new CurveProvider();
    KeyPairGenerator ourGen = KeyPairGenerator.getInstance("XDH", ours);
    ourGen.initialize(NamedParameterSpec.X25519);
    KeyPairGenerator jdkGen = KeyPairGenerator.getInstance("XDH", "SunEC");
    jdkGen.initialize(NamedParameterSpec.X25519);
    for (int i = 0; i < 100; i++) {
      KeyPair a = ourGen.generateKeyPair();
      KeyPair b = jdkGen.generateKeyPair();

      KeyAgreement mine = KeyAgreement.getInstance("XDH", ours);
      mine.init(a.getPrivate());
      mine.doPhase(b.getPublic(), true);
      byte[] s1 = mine.generateSecret();

      // The JDK, given our public key as JSSE would rebuild it from the wire (u only).
      KeyAgreement jdk = KeyAgreement.getInstance("XDH", "SunEC");
      jdk.init(b.getPrivate());
      jdk.doPhase(jdkPublic(CurveProvider.littleEndian(((XECPublicKey) a.getPublic()).getU())),
          true);
      assertThat(jdk.generateSecret()).isEqualTo(s1);

      // Our agreement also takes the JDK's private keys.
      KeyAgreement mixed = KeyAgreement.getInstance("XDH", ours);
      mixed.init(b.getPrivate());
      mixed.doPhase(a.getPublic(), true);
      assertThat(mixed.generateSecret()).isEqualTo(s1);
    }
  }

  @Test
  void keysEncodeAsRfc8410() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH", new CurveProvider());
    g.initialize(NamedParameterSpec.X25519);
    KeyPair kp = g.generateKeyPair();
    KeyFactory jdk = KeyFactory.getInstance("XDH", "SunEC");
    XECPublicKey pub = (XECPublicKey) jdk.generatePublic(
        new X509EncodedKeySpec(kp.getPublic().getEncoded()));
    assertThat(pub.getU()).isEqualTo(((XECPublicKey) kp.getPublic()).getU());
    XECPrivateKey priv = (XECPrivateKey) jdk.generatePrivate(
        new PKCS8EncodedKeySpec(kp.getPrivate().getEncoded()));
    assertThat(priv.getScalar()).contains(((XECPrivateKey) kp.getPrivate()).getScalar().get());
    assertThat(kp.getPrivate().toString()).doesNotContain(
        HEX.formatHex(priv.getScalar().get()));
  }

  @Test
  void refusesASmallOrderPoint() throws Exception {
    KeyAgreement ka = KeyAgreement.getInstance("XDH", new CurveProvider());
    ka.init(new X25519Keys.Private(HEX.parseHex(ALICE_SECRET)));
    byte[] zero = new byte[32]; // u = 0 has order 4: the result is all zeros
    assertThatThrownBy(() -> ka.doPhase(jdkPublic(zero), true))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void installedFirstItLeavesX448ToTheJdk() throws Exception {
    CurveProvider.install();
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
    g.initialize(NamedParameterSpec.X25519);
    assertThat(g.generateKeyPair().getPrivate()).isInstanceOf(X25519Keys.Private.class);
    KeyPairGenerator g448 = KeyPairGenerator.getInstance("XDH");
    g448.initialize(NamedParameterSpec.X448);
    KeyPair x448 = g448.generateKeyPair();
    KeyAgreement ka = KeyAgreement.getInstance("XDH");
    ka.init(x448.getPrivate());
    assertThat(ka.getProvider().getName()).isEqualTo("SunEC");
  }
}
