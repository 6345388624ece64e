package org.openkes.core.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A KES identity: who a client is. For certificates and API keys it is the lower-case hex SHA-256
 * of the DER SubjectPublicKeyInfo exactly as it appears in the certificate (§2.2), so only the
 * public key matters, not subject, validity or signature.
 *
 * <p>Any string is an identity as far as comparison goes (the config may name {@code disabled} as
 * admin); comparison is exact and case-sensitive. {@link #equals} is ordinary string equality;
 * use {@link #constantTimeEquals} when the comparison decides access.
 *
 * @param value the identity string; {@code ""} means "unknown"
 */
public record Identity(String value) {
  /** The empty identity KES uses when a request could not be identified. */
  public static final Identity UNKNOWN = new Identity("");

  public Identity {
    Objects.requireNonNull(value, "value");
  }

  public static Identity of(String value) {
    return new Identity(value);
  }

  /** Hashes a DER SubjectPublicKeyInfo as given. Nothing is parsed or checked. */
  public static Identity ofSubjectPublicKeyInfo(byte[] spkiDer) {
    return new Identity(HexFormat.of().formatHex(sha256(spkiDer)));
  }

  /**
   * The identity of a certificate that has already been parsed (e.g. a TLS peer certificate).
   *
   * @throws KeyMaterialException {@code MALFORMED_CERTIFICATE} if its encoding cannot be cut
   *     apart strictly; not expected for certificates the JDK parsed
   */
  public static Identity ofCertificate(X509Certificate certificate) throws KeyMaterialException {
    byte[] der;
    try {
      der = certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw malformed("x509: malformed certificate");
    }
    return ofSlicedSpki(der);
  }

  /**
   * The identity of a DER certificate. The certificate must parse (as Go's {@code
   * x509.ParseCertificate} demands before KES looks at the key), without trailing bytes.
   */
  public static Identity ofCertificateDer(byte[] der) throws KeyMaterialException {
    Identity identity = ofSlicedSpki(der);
    parseCertificate(der);
    return identity;
  }

  /**
   * Parses a DER certificate, held to the standard {@link #ofCertificateDer} needs (strict DER
   * around the public key, no trailing bytes), so that every certificate we accept has an
   * identity.
   */
  static X509Certificate parseStrict(byte[] der) throws KeyMaterialException {
    ofSlicedSpki(der);
    return parseCertificate(der);
  }

  /**
   * KES {@code identifyRequest}: skip CA certificates (BasicConstraints cA=TRUE); exactly one
   * certificate must remain, and its identity is the client's.
   *
   * @param peerCertificates as the client sent them, leaf first by convention (order is not
   *     relied on); may be empty
   */
  public static PeerIdentity ofPeerChain(List<X509Certificate> peerCertificates) {
    X509Certificate leaf = null;
    for (X509Certificate c : peerCertificates) {
      if (c.getBasicConstraints() != -1) {
        continue; // a CA: -1 means "not a CA" in JCA, like Go's IsCA == false
      }
      if (leaf != null) {
        return new PeerIdentity.Rejected(PeerIdentity.Reason.MORE_THAN_ONE_CLIENT_CERTIFICATE);
      }
      leaf = c;
    }
    if (leaf == null) {
      return new PeerIdentity.Rejected(PeerIdentity.Reason.CLIENT_CERTIFICATE_REQUIRED);
    }
    try {
      return new PeerIdentity.Identified(ofCertificate(leaf));
    } catch (KeyMaterialException e) {
      return new PeerIdentity.Rejected(PeerIdentity.Reason.INVALID_CLIENT_CERTIFICATE);
    }
  }

  /** Whether this is the empty identity (Go's {@code Identity.IsUnknown}). */
  public boolean isUnknown() {
    return value.isEmpty();
  }

  /**
   * Equality whose running time does not depend on where the values differ, for comparisons
   * that grant access (admin identity, policy assignments).
   */
  public boolean constantTimeEquals(Identity other) {
    return other != null
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  /** The identity string itself: identities are not secret. */
  @Override
  public String toString() {
    return value;
  }

  private static X509Certificate parseCertificate(byte[] der) throws KeyMaterialException {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      // The JDK parser reports malformed input with a mix of checked and unchecked exceptions;
      // at this trust boundary all of them mean the same thing.
      throw malformed("x509: malformed certificate");
    }
  }

  private static Identity ofSlicedSpki(byte[] der) throws KeyMaterialException {
    try {
      return ofSubjectPublicKeyInfo(Der.subjectPublicKeyInfo(der));
    } catch (Der.MalformedException e) {
      throw malformed(e.getMessage());
    }
  }

  private static KeyMaterialException malformed(String message) {
    return new KeyMaterialException(KeyMaterialException.Kind.MALFORMED_CERTIFICATE, message);
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
