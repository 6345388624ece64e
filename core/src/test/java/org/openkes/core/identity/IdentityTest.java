package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.identity.TestSupport.hex;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityTest {
  /** §2.2 worked example: KES's test server certificate key (ECDSA P-256). */
  static final String SPKI =
      "3059301306072a8648ce3d020106082a8648ce3d030107034200046485d7fdab50571049f775498de3045f"
          + "36058d0c1fbedf0e7efe691ed5f0bd4ce63a031c1a91f93028a92d38195205acc0bdbca498b8d571e4"
          + "f9f485f43e67dd";

  static final String IDENTITY = "96918edf9cc8e7473d4217e3eed793ba111c3b7827189eafdcfd7ab275b43af6";

  static KeyPair signer;

  @BeforeAll
  static void keys() throws Exception {
    signer = TestSupport.generate("EC", 256);
  }

  @Test
  void workedExampleFromSpki() {
    assertThat(Identity.ofSubjectPublicKeyInfo(hex(SPKI)).value()).isEqualTo(IDENTITY);
  }

  @Test
  void workedExampleFromCertificateCarryingThatKey() throws Exception {
    X509Certificate cert = TestSupport.certificateWithSpki(hex(SPKI), signer.getPrivate(), false);

    assertThat(Identity.ofCertificate(cert).value()).isEqualTo(IDENTITY);
    assertThat(Identity.ofCertificateDer(cert.getEncoded()).value()).isEqualTo(IDENTITY);
    String wholeCertHash = hex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    assertThat(wholeCertHash).isNotEqualTo(IDENTITY);
  }

  @Test
  void onlyThePublicKeyMatters() throws Exception {
    KeyPair other = TestSupport.generate("EC", 256);
    X509Certificate a = TestSupport.certificateWithSpki(hex(SPKI), signer.getPrivate(), false);
    X509Certificate b = TestSupport.certificateWithSpki(hex(SPKI), other.getPrivate(), true);
    assertThat(Identity.ofCertificate(a)).isEqualTo(Identity.ofCertificate(b));
  }

  @Test
  void hashesTheSpkiAsEncodedNotAsTheJdkReencodesIt() throws Exception {
    // An RSA SPKI whose AlgorithmIdentifier omits the NULL parameters: valid DER, accepted by
    // Go and the JDK, but the JDK's PublicKey.getEncoded() writes the NULL back in.
    KeyPair rsa = TestSupport.generate("RSA", 2048);
    byte[] canonical = rsa.getPublic().getEncoded();
    byte[] bitString = bitStringOf(canonical);
    byte[] algId = hex("300b06092a864886f70d010101");
    byte[] spki = derSequence(concat(algId, bitString));
    X509Certificate cert = TestSupport.certificateWithSpki(spki, signer.getPrivate(), false);

    Identity id = Identity.ofCertificate(cert);

    assertThat(id).isEqualTo(Identity.ofSubjectPublicKeyInfo(spki));
    assertThat(cert.getPublicKey().getEncoded()).isNotEqualTo(spki); // the JDK re-encodes
    assertThat(id).isNotEqualTo(Identity.ofSubjectPublicKeyInfo(cert.getPublicKey().getEncoded()));
  }

  @Test
  void peerChainPicksTheSingleNonCaCertificateAnywhereInTheChain() throws Exception {
    X509Certificate leaf = TestSupport.certificateWithSpki(hex(SPKI), signer.getPrivate(), false);
    X509Certificate ca = TestSupport.certificateFor(signer, signer.getPrivate(), true);

    assertThat(Identity.ofPeerChain(List.of(leaf, ca)))
        .isEqualTo(new PeerIdentity.Identified(Identity.of(IDENTITY)));
    assertThat(Identity.ofPeerChain(List.of(ca, leaf)))
        .isEqualTo(new PeerIdentity.Identified(Identity.of(IDENTITY)));
  }

  @Test
  void peerChainErrorsCarryKesTexts() throws Exception {
    X509Certificate leaf = TestSupport.certificateWithSpki(hex(SPKI), signer.getPrivate(), false);
    X509Certificate leaf2 = TestSupport.certificateFor(signer, signer.getPrivate(), false);
    X509Certificate ca = TestSupport.certificateFor(signer, signer.getPrivate(), true);

    assertThat(Identity.ofPeerChain(List.of()))
        .isInstanceOfSatisfying(
            PeerIdentity.Rejected.class,
            r -> assertThat(r.message()).isEqualTo("tls: client certificate is required"));
    assertThat(Identity.ofPeerChain(List.of(ca)))
        .isInstanceOfSatisfying(
            PeerIdentity.Rejected.class,
            r -> assertThat(r.message()).isEqualTo("tls: client certificate is required"));
    assertThat(Identity.ofPeerChain(List.of(leaf, ca, leaf2)))
        .isInstanceOfSatisfying(
            PeerIdentity.Rejected.class,
            r ->
                assertThat(r.message())
                    .isEqualTo("tls: received more than one client certificate"));
  }

  @Test
  void derMustBeACertificateWithoutTrailingBytes() throws Exception {
    X509Certificate cert = TestSupport.certificateWithSpki(hex(SPKI), signer.getPrivate(), false);
    byte[] der = cert.getEncoded();
    byte[] trailing = Arrays.copyOf(der, der.length + 1);

    assertThatThrownBy(() -> Identity.ofCertificateDer(trailing))
        .isInstanceOfSatisfying(
            KeyMaterialException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.MALFORMED_CERTIFICATE));
    assertThatThrownBy(() -> Identity.ofCertificateDer(Arrays.copyOf(der, der.length - 1)))
        .isInstanceOf(KeyMaterialException.class);
    assertThatThrownBy(() -> Identity.ofCertificateDer(hex(SPKI)))
        .isInstanceOf(KeyMaterialException.class);
    assertThatThrownBy(() -> Identity.ofCertificateDer(new byte[0]))
        .isInstanceOf(KeyMaterialException.class);
  }

  @Test
  void constantTimeEqualsAgreesWithEquals() {
    Identity a = Identity.of(IDENTITY);
    assertThat(a.constantTimeEquals(Identity.of(IDENTITY))).isTrue();
    assertThat(a.constantTimeEquals(Identity.of(IDENTITY.toUpperCase()))).isFalse();
    assertThat(a.constantTimeEquals(Identity.of(IDENTITY.substring(1)))).isFalse();
    assertThat(a.constantTimeEquals(Identity.UNKNOWN)).isFalse();
    assertThat(a.constantTimeEquals(null)).isFalse();
    assertThat(Identity.UNKNOWN.constantTimeEquals(Identity.of(""))).isTrue();
  }

  @Test
  void anyStringIsAnIdentity() {
    assertThat(Identity.of("disabled").toString()).isEqualTo("disabled");
    assertThat(Identity.UNKNOWN.isUnknown()).isTrue();
    assertThat(Identity.of(IDENTITY).isUnknown()).isFalse();
  }

  // --- tiny DER helpers for hand-made SPKIs --------------------------------------------------

  private static byte[] bitStringOf(byte[] spki) {
    // Last element of the SPKI SEQUENCE: the BIT STRING. Parse header lengths by hand.
    int pos = headerLength(spki, 0);
    int algLen = elementLength(spki, pos);
    return Arrays.copyOfRange(spki, pos + algLen, spki.length);
  }

  private static int headerLength(byte[] b, int pos) {
    int first = b[pos + 1] & 0xff;
    return first < 0x80 ? 2 : 2 + (first & 0x7f);
  }

  private static int elementLength(byte[] b, int pos) {
    int first = b[pos + 1] & 0xff;
    if (first < 0x80) {
      return 2 + first;
    }
    int n = first & 0x7f;
    int len = 0;
    for (int i = 0; i < n; i++) {
      len = len << 8 | (b[pos + 2 + i] & 0xff);
    }
    return 2 + n + len;
  }

  private static byte[] derSequence(byte[] content) {
    int len = content.length;
    byte[] header =
        len < 0x80
            ? new byte[] {0x30, (byte) len}
            : len < 0x100
                ? new byte[] {0x30, (byte) 0x81, (byte) len}
                : new byte[] {0x30, (byte) 0x82, (byte) (len >> 8), (byte) len};
    return concat(header, content);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
