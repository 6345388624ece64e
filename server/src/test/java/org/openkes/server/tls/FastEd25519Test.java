package org.openkes.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The fast Ed25519 signatures agree with the JDK's and with RFC 8032. */
class FastEd25519Test {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 §7.1, TEST 2 (one-byte message). */
  private static final String SECRET =
      "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
  private static final String PUBLIC =
      "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
  private static final String SIGNATURE = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223"
      + "ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

  private static Signature fast() throws Exception {
    return Signature.getInstance("Ed25519", new FastEd25519());
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
  void agreesWithTheJdkBothWays() throws Exception {
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
    assertThat(FastEd25519.supportsKey(ed448.getPublic())).isFalse();
    assertThat(FastEd25519.supportsKey(ed448.getPrivate())).isFalse();
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    assertThat(FastEd25519.supportsKey(ec.getPrivate())).isFalse();
    assertThatThrownBy(() -> fast().initVerify(ed448.getPublic()))
        .isInstanceOf(InvalidKeyException.class);
  }

  @Test
  void installedFirstItServesJcaLookupsForEd25519KeysOnly() throws Exception {
    FastEd25519.install();
    FastEd25519.install(); // idempotent
    KeyPair kp = rfcKeyPair();
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(kp.getPrivate());
    assertThat(s.getProvider().getName()).isEqualTo(FastEd25519.NAME);
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
    Signature other = Signature.getInstance("EdDSA");
    other.initSign(ed448.getPrivate());
    assertThat(other.getProvider().getName()).isEqualTo("SunEC");
  }
}
