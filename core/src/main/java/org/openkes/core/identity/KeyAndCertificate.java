package org.openkes.core.identity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A private key and its self-signed certificate, e.g. the throw-away server credentials of
 * {@code kes server --dev}. {@link #toString()} leaves the key out: some JDK key classes print
 * their private parts.
 */
public record KeyAndCertificate(PrivateKey privateKey, X509Certificate certificate) {
  public KeyAndCertificate {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** The identity of the certificate's public key. */
  public Identity identity() {
    try {
      return Identity.ofCertificate(certificate);
    } catch (KeyMaterialException e) {
      // We (or the JDK) encoded this certificate; failing to cut it apart is a bug.
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "KeyAndCertificate[" + privateKey.getAlgorithm() + " key <redacted>, "
        + certificate.getSubjectX500Principal() + "]";
  }
}
