package org.openkes.server;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.identity.SelfSignedCertificates;

/** Client and server certificates for tests. */
public final class TestCerts {
  public static final SecureRandom RANDOM = new SecureRandom();

  private TestCerts() {}

  /** A client credential: key, certificate, identity. */
  public record Client(PrivateKey key, X509Certificate cert, Identity identity) {
    public static Client of(ApiKey apiKey) {
      return new Client(apiKey.jcaPrivateKey(), apiKey.certificate(), apiKey.identity());
    }
  }

  public static Client apiKey() {
    return Client.of(ApiKey.generate(RANDOM));
  }

  public static Client ecdsa() {
    return of(SelfSignedCertificates.generateEcP256(RANDOM));
  }

  public static Client rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return of(g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Client of(KeyPair keys) {
    Instant now = Instant.now();
    X509Certificate cert = SelfSignedCertificates.create(keys,
        new SelfSignedCertificates.Template("client", List.of(), List.of(),
            List.of(SelfSignedCertificates.Usage.CLIENT_AUTH), now.minusSeconds(60),
            now.plusSeconds(3600)),
        RANDOM);
    return new Client(keys.getPrivate(), cert,
        Identity.ofSubjectPublicKeyInfo(keys.getPublic().getEncoded()));
  }

  /** A server certificate for 127.0.0.1, as {@code --dev} makes them. */
  public static KeyAndCertificate server() {
    return SelfSignedCertificates.forDevServer(
        List.of(InetAddress.getLoopbackAddress()), Instant.now(), RANDOM);
  }
}
