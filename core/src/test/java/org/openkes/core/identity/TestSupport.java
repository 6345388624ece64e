package org.openkes.core.identity;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and keys for tests, built independently of the code under test. */
final class TestSupport {
  static final SecureRandom RANDOM = new SecureRandom();

  private TestSupport() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static KeyPair generate(String algorithm, int size) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (size > 0) {
      g.initialize(size);
    }
    return g.generateKeyPair();
  }

  /**
   * A certificate carrying {@code spki} verbatim, signed (not self-signed) by {@code signer}, an
   * EC key. BouncyCastle copies an already-DER SPKI unchanged.
   */
  static X509Certificate certificateWithSpki(byte[] spki, PrivateKey signer, boolean ca)
      throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            new X500Name("CN=test issuer"),
            BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE),
            Date.from(now),
            Date.from(now.plusSeconds(3600)),
            new X500Name("CN=test subject"),
            SubjectPublicKeyInfo.getInstance(spki));
    if (ca) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    }
    byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)).getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static X509Certificate certificateFor(KeyPair subject, PrivateKey signer, boolean ca)
      throws Exception {
    return certificateWithSpki(subject.getPublic().getEncoded(), signer, ca);
  }
}
