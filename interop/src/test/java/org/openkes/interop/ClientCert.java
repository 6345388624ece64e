package org.openkes.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;

/** A TLS client certificate and its private key: how a KES client identifies itself. */
record ClientCert(PrivateKey key, X509Certificate certificate) {
  /** The certificate KES clients derive from an API key (Ed25519). */
  static ClientCert of(ApiKey apiKey) {
    return new ClientCert(apiKey.jcaPrivateKey(), apiKey.certificate());
  }

  /** A fresh self-signed client certificate on an EC P-256 key. */
  static ClientCert ecP256(String commonName) {
    return selfSigned(commonName, SelfSignedCertificates.generateEcP256(new SecureRandom()));
  }

  /** A fresh self-signed client certificate on an RSA 2048 key. */
  static ClientCert rsa(String commonName) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return selfSigned(commonName, g.generateKeyPair());
  }

  private static ClientCert selfSigned(String commonName, KeyPair keys) {
    Instant now = Instant.now();
    X509Certificate cert = SelfSignedCertificates.create(keys, new SelfSignedCertificates.Template(commonName,
        List.of(), List.<InetAddress>of(), List.of(SelfSignedCertificates.Usage.CLIENT_AUTH),
        now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1))), new SecureRandom());
    return new ClientCert(keys.getPrivate(), cert);
  }

  Identity identity() {
    try {
      return Identity.ofCertificate(certificate);
    } catch (Exception e) {
      throw new IllegalStateException("a certificate we made has no identity", e);
    }
  }

  /** Writes {@code <name>.crt} and {@code <name>.key} (PEM) into {@code dir}. */
  PemFiles write(Path dir, String name) throws IOException {
    return new PemFiles(Files.writeString(dir.resolve(name + ".crt"), Pem.encodeCertificate(certificate)),
        Files.writeString(dir.resolve(name + ".key"), Pem.encodePrivateKey(key)));
  }

  /** The PEM files of a {@link ClientCert}. */
  record PemFiles(Path certificate, Path key) {}
}
