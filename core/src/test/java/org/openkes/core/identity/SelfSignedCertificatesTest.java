package org.openkes.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkes.core.identity.TestSupport.hex;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class SelfSignedCertificatesTest {
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String EXT_KEY_USAGE = "2.5.29.37";
  private static final String SAN = "2.5.29.17";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  private static final Instant NOW = Instant.parse("2025-03-12T09:35:18.765Z");

  /** §3.3: the SDK's GenerateCertificate. */
  @Test
  void apiKeyCertificate() throws Exception {
    ApiKey key = ApiKey.parse("kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc");

    X509Certificate cert = key.certificate(NOW, TestSupport.RANDOM);

    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getSigAlgName()).isEqualTo("Ed25519");
    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getSerialNumber()).isBetween(BigInteger.ZERO, BigInteger.TWO.pow(128));
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS));
    assertThat(cert.getNotAfter().toInstant())
        .isEqualTo(NOW.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS));
    assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(KEY_USAGE, BASIC_CONSTRAINTS);
    assertThat(cert.getNonCriticalExtensionOIDs()).containsExactly(EXT_KEY_USAGE);
    assertThat(cert.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
    assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getSubjectAlternativeNames()).isNull();
    // Go's exact extension encodings: KeyUsage BIT STRING 07 80, BasicConstraints empty SEQUENCE.
    assertThat(hex(cert.getExtensionValue(KEY_USAGE))).isEqualTo("0404030207" + "80");
    assertThat(hex(cert.getExtensionValue(BASIC_CONSTRAINTS))).isEqualTo("04023000");
    cert.verify(key.jcaPublicKey()); // self-signed
    assertThat(Identity.ofCertificate(cert)).isEqualTo(key.identity());
    // Go encodes a printable CN as PrintableString.
    RDN cn = new X509CertificateHolder(cert.getEncoded()).getSubject().getRDNs()[0];
    assertThat(cn.getFirst().getValue().toASN1Primitive().getEncoded()[0]).isEqualTo((byte) 0x13);
  }

  @Test
  void serialsAreRandom() {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);
    assertThat(key.certificate().getSerialNumber())
        .isNotEqualTo(key.certificate().getSerialNumber());
  }

  /** {@code kes identity new --key --cert --ip --dns --expiry <subject>}. */
  @Test
  void identityNewCertificate() throws Exception {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);
    List<InetAddress> ips =
        List.of(InetAddress.getByName("192.168.0.182"), InetAddress.getByName("::1"));

    X509Certificate cert =
        SelfSignedCertificates.forIdentityNew(
            key,
            Optional.of("kes-server.local"),
            List.of("kes-server.local", "localhost"),
            ips,
            Duration.ofHours(8760),
            NOW,
            TestSupport.RANDOM);

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=kes-server.local");
    assertThat(cert.getSigAlgName()).isEqualTo("Ed25519");
    assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH, SERVER_AUTH);
    assertThat(cert.getNotAfter().toInstant())
        .isEqualTo(NOW.plus(Duration.ofHours(8760)).truncatedTo(ChronoUnit.SECONDS));
    assertThat(sans(cert))
        .containsExactly(
            List.of(2, "kes-server.local"),
            List.of(2, "localhost"),
            List.of(7, "192.168.0.182"),
            List.of(7, "0:0:0:0:0:0:0:1"));
    // IPv4 in 4 bytes, IPv6 in 16, DNS names first: Go's marshalSANs order.
    GeneralName[] names =
        GeneralNames.fromExtensions(
                new X509CertificateHolder(cert.getEncoded()).getExtensions(),
                Extension.subjectAlternativeName)
            .getNames();
    assertThat(((ASN1TaggedObject) names[2].toASN1Primitive()).getBaseObject().toASN1Primitive()
            .getEncoded().length)
        .isEqualTo(2 + 4);
    assertThat(Identity.ofCertificate(cert)).isEqualTo(key.identity());
    assertThat(cert.getNonCriticalExtensionOIDs()).isEqualTo(Set.of(EXT_KEY_USAGE, SAN));
  }

  @Test
  void identityNewWithoutSubjectUsesTheIdentity() throws Exception {
    ApiKey key = ApiKey.generate(TestSupport.RANDOM);
    X509Certificate cert =
        SelfSignedCertificates.forIdentityNew(
            key,
            Optional.empty(),
            List.of(),
            List.of(),
            SelfSignedCertificates.IDENTITY_NEW_DEFAULT_EXPIRY,
            NOW,
            TestSupport.RANDOM);

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + key.identity());
    assertThat(cert.getSubjectAlternativeNames()).isNull();
    assertThat(cert.getNotAfter().toInstant())
        .isEqualTo(NOW.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void nonAsciiDnsNamesAreRefusedWithGosText() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new SelfSignedCertificates.Template(
                    "x", List.of("bücher.example"), List.of(), List.of(), NOW, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x509: \"bücher.example\" cannot be encoded as an IA5String");
  }

  /** §4.10: kes server --dev. */
  @Test
  void devServerCertificate() throws Exception {
    KeyAndCertificate dev =
        SelfSignedCertificates.forDevServer(
            List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.1.2.3")),
            NOW,
            TestSupport.RANDOM);
    X509Certificate cert = dev.certificate();

    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize())
        .isEqualTo(256);
    assertThat(dev.privateKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(cert.getKeyUsage()[0]).isTrue();
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(sans(cert)).containsExactly(List.of(7, "127.0.0.1"), List.of(7, "10.1.2.3"));
    assertThat(cert.getNotAfter().toInstant())
        .isEqualTo(NOW.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS));
    Pem.checkKeyMatchesCertificate(dev.privateKey(), cert);
    assertThat(dev.toString()).contains("redacted").doesNotContain("private exponent");
    assertThat(dev.identity()).isEqualTo(Identity.ofCertificate(cert));
  }

  private static List<List<?>> sans(X509Certificate cert) throws Exception {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    return sans == null ? List.of() : List.copyOf(sans);
  }
}
