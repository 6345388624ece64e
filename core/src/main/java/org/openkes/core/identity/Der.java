package org.openkes.core.identity;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER: strict walking to cut the SubjectPublicKeyInfo out of a certificate without
 * re-encoding it (Go's {@code RawSubjectPublicKeyInfo}), and writing elements for the one
 * certificate we encode by hand ({@link ApiKeyCertificates}). Identities are hashes of those exact
 * bytes; {@code PublicKey.getEncoded()} may produce different but equivalent bytes (e.g. explicit
 * instead of named EC parameters) and so a different identity.
 *
 * <p>Strict like Go's {@code cryptobyte}: definite, minimally encoded lengths only.
 */
final class Der {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int VERSION = 0xA0; // [0] EXPLICIT, constructed

  private Der() {}

  /** Thrown for anything that is not the expected structure. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** A tag-length-value element at {@code [start, end)} with content from {@code contentStart}. */
  private record Tlv(int tag, int start, int contentStart, int end) {}

  /**
   * The SubjectPublicKeyInfo element (tag, length and content) of a DER certificate.
   *
   * <pre>
   * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
   * TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer,
   *                               validity, subject, subjectPublicKeyInfo, ... }
   * </pre>
   */
  static byte[] subjectPublicKeyInfo(byte[] cert) throws MalformedException {
    Tlv outer = read(cert, 0, cert.length);
    expect(outer, SEQUENCE);
    if (outer.end != cert.length) {
      throw new MalformedException("x509: trailing data");
    }
    Tlv tbs = read(cert, outer.contentStart, outer.end);
    expect(tbs, SEQUENCE);
    int pos = tbs.contentStart;
    Tlv e = read(cert, pos, tbs.end);
    if (e.tag == VERSION) {
      e = read(cert, e.end, tbs.end);
    }
    expect(e, INTEGER); // serialNumber
    // signature, issuer, validity, subject
    for (int i = 0; i < 4; i++) {
      e = read(cert, e.end, tbs.end);
      expect(e, SEQUENCE);
    }
    Tlv spki = read(cert, e.end, tbs.end);
    expect(spki, SEQUENCE);
    return Arrays.copyOfRange(cert, spki.start, spki.end);
  }

  /** One element: {@code tag}, the minimal definite length, then the parts concatenated. */
  static byte[] tlv(int tag, byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int n = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | n);
      for (int i = n - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void expect(Tlv tlv, int tag) throws MalformedException {
    if (tlv.tag != tag) {
      throw new MalformedException("x509: malformed certificate");
    }
  }

  /** Reads one element starting at {@code pos} that must end at or before {@code limit}. */
  private static Tlv read(byte[] b, int pos, int limit) throws MalformedException {
    if (pos + 2 > limit) {
      throw new MalformedException("x509: malformed certificate");
    }
    int tag = b[pos] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new MalformedException("x509: malformed certificate"); // high tag numbers: not in X.509
    }
    int first = b[pos + 1] & 0xff;
    int contentStart;
    long length;
    if (first < 0x80) {
      length = first;
      contentStart = pos + 2;
    } else {
      int n = first & 0x7f;
      if (n == 0 || n > 4) {
        throw new MalformedException("x509: malformed certificate"); // indefinite or absurd
      }
      if (pos + 2 + n > limit) {
        throw new MalformedException("x509: malformed certificate");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = length << 8 | (b[pos + 2 + i] & 0xff);
      }
      // Minimal encoding: no leading zero byte, and long form only when short form won't do.
      if ((b[pos + 2] & 0xff) == 0 || length < 0x80) {
        throw new MalformedException("x509: malformed certificate");
      }
      contentStart = pos + 2 + n;
    }
    long end = contentStart + length;
    if (end > limit) {
      throw new MalformedException("x509: malformed certificate");
    }
    return new Tlv(tag, pos, contentStart, (int) end);
  }
}
