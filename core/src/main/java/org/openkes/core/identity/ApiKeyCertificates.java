package org.openkes.core.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The client certificate of an API key (the SDK's {@code GenerateCertificate}, §3.3), encoded
 * by hand with the JDK only: every client command that authenticates with an API key makes one,
 * and building it with BouncyCastle cost a CLI run about half a second (its signed jars are
 * verified on first use). The bytes are exactly what {@link SelfSignedCertificates#create} makes
 * for the same template, serial and time; a test holds the two together.
 */
final class ApiKeyCertificates {
  /**
   * 90 days, as the SDK. Kept here rather than read from {@link SelfSignedCertificates}, whose
   * class would pull BouncyCastle in.
   */
  static final Duration VALIDITY = Duration.ofDays(90);

  private static final byte[] ED25519_ALGORITHM = {0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70};
  private static final byte[] OID_COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
  private static final byte[] VERSION_3 = {(byte) 0xa0, 0x03, 0x02, 0x01, 0x02};
  /** keyUsage, critical, digitalSignature. */
  private static final byte[] KEY_USAGE = {
    0x30, 0x0e, 0x06, 0x03, 0x55, 0x1d, 0x0f, 0x01, 0x01, (byte) 0xff,
    0x04, 0x04, 0x03, 0x02, 0x07, (byte) 0x80
  };
  /** extKeyUsage, not critical, clientAuth. */
  private static final byte[] EXT_KEY_USAGE_CLIENT_AUTH = {
    0x30, 0x13, 0x06, 0x03, 0x55, 0x1d, 0x25, 0x04, 0x0c,
    0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02
  };
  /** basicConstraints, critical, cA FALSE (the default, so an empty SEQUENCE). */
  private static final byte[] BASIC_CONSTRAINTS = {
    0x30, 0x0c, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, (byte) 0xff, 0x04, 0x02, 0x30, 0x00
  };
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private ApiKeyCertificates() {}

  /** Self-signed, {@code CN=<identity>}, valid from {@code now} for 90 days, clientAuth. */
  static X509Certificate create(ApiKey key, Instant now, SecureRandom random) {
    byte[] name = commonName(key.identity().value());
    byte[] tbs = Der.tlv(0x30,
        VERSION_3,
        Der.tlv(0x02, new BigInteger(128, random).toByteArray()), // like Go's rand.Int(2^128)
        ED25519_ALGORITHM,
        name,
        Der.tlv(0x30, time(now), time(now.plus(VALIDITY))),
        name,
        key.subjectPublicKeyInfo(),
        Der.tlv(0xa3, Der.tlv(0x30, KEY_USAGE, EXT_KEY_USAGE_CLIENT_AUTH, BASIC_CONSTRAINTS)));
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key.jcaPrivateKey());
      signer.update(tbs);
      byte[] der = Der.tlv(0x30, tbs, ED25519_ALGORITHM, bitString(signer.sign()));
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create certificate: " + e.getMessage(), e);
    }
  }

  /** {@code CN=<cn>}; an identity is hex, which Go encodes as a PrintableString. */
  private static byte[] commonName(String cn) {
    byte[] value = Der.tlv(0x13, cn.getBytes(StandardCharsets.US_ASCII));
    return Der.tlv(0x30, Der.tlv(0x31, Der.tlv(0x30, OID_COMMON_NAME, value)));
  }

  /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050, whole seconds. */
  private static byte[] time(Instant t) {
    int year = t.atZone(ZoneOffset.UTC).getYear();
    boolean utc = year >= 1950 && year <= 2049;
    String text = (utc ? UTC_TIME : GENERALIZED_TIME).format(t);
    return Der.tlv(utc ? 0x17 : 0x18, text.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] bitString(byte[] bits) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0); // no unused bits
    b.writeBytes(bits);
    return Der.tlv(0x03, b.toByteArray());
  }
}
