package org.openkes.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.Pem;

/**
 * Who the client is to the server: a private key and the certificate chain presented in the TLS
 * handshake. KES identifies a client by the public key of that certificate (kes-compat.md §2.2),
 * so an API key is nothing but an Ed25519 key with a self-signed certificate made on the spot.
 */
public sealed interface Credentials permits Credentials.OfApiKey, Credentials.OfCertificate {

  /** The key that signs the handshake. */
  PrivateKey privateKey();

  /** The certificate chain to present, leaf first. */
  List<X509Certificate> chain();

  /** The identity the server will see. */
  default Identity identity() {
    try {
      return Identity.ofCertificate(chain().get(0));
    } catch (KeyMaterialException e) {
      throw new IllegalStateException("certificate without a usable public key", e);
    }
  }

  /**
   * Credentials of an API key, with a fresh certificate as the SDK's {@code
   * GenerateCertificate} makes it (self-signed Ed25519, {@code CN=<identity>}, valid for 90
   * days from now, kes-compat.md §3.3).
   */
  static Credentials apiKey(ApiKey key) {
    return new OfApiKey(key, key.certificate());
  }

  /** Credentials of an API key at a given time (the certificate's validity starts then). */
  static Credentials apiKey(ApiKey key, Instant now) {
    return new OfApiKey(key, key.certificate(now, new java.security.SecureRandom()));
  }

  /**
   * A private key and its certificate chain, e.g. from {@code kes identity new --key --cert}.
   *
   * @throws IllegalArgumentException if the key does not belong to the chain's first certificate
   */
  static Credentials certificate(PrivateKey key, List<X509Certificate> chain) {
    OfCertificate c = new OfCertificate(key, chain);
    try {
      Pem.checkKeyMatchesCertificate(key, c.chain().get(0));
    } catch (KeyMaterialException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return c;
  }

  /**
   * Reads a certificate file (only {@code CERTIFICATE} blocks) and a private key file (PKCS#1,
   * SEC1 or PKCS#8; RFC 1423-encrypted when {@code password} is given), as the {@code kes} CLI
   * reads {@code KES_CLIENT_CERT} and {@code KES_CLIENT_KEY}.
   *
   * @param password for an encrypted key; {@code null} for none
   * @throws InvalidCredentialsException naming the file and what is wrong with it
   */
  static Credentials pemFiles(Path certificateFile, Path privateKeyFile, char[] password)
      throws InvalidCredentialsException {
    List<X509Certificate> chain;
    PrivateKey key;
    try {
      chain = Pem.readCertificates(read(certificateFile, "certificate"));
    } catch (KeyMaterialException e) {
      throw new InvalidCredentialsException("certificate file '" + certificateFile + "': " + e.getMessage(), e);
    }
    try {
      key = Pem.readPrivateKey(read(privateKeyFile, "private key"), password);
    } catch (KeyMaterialException e) {
      throw new InvalidCredentialsException("private key file '" + privateKeyFile + "': " + e.getMessage(), e);
    }
    try {
      Pem.checkKeyMatchesCertificate(key, chain.get(0));
    } catch (KeyMaterialException e) {
      throw new InvalidCredentialsException("private key file '" + privateKeyFile
          + "' does not belong to certificate file '" + certificateFile + "': " + e.getMessage(), e);
    }
    return new OfCertificate(key, chain);
  }

  private static byte[] read(Path file, String what) throws InvalidCredentialsException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidCredentialsException(what + " file '" + file + "' does not exist", e);
    } catch (IOException e) {
      throw new InvalidCredentialsException("cannot read " + what + " file '" + file + "': " + e.getMessage(), e);
    }
  }

  /** An API key and its derived certificate. {@link #toString()} never shows the key. */
  record OfApiKey(ApiKey apiKey, X509Certificate certificate) implements Credentials {
    public OfApiKey {
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public PrivateKey privateKey() {
      return apiKey.jcaPrivateKey();
    }

    @Override
    public List<X509Certificate> chain() {
      return List.of(certificate);
    }

    @Override
    public Identity identity() {
      return apiKey.identity();
    }

    @Override
    public String toString() {
      return "Credentials[API key of " + apiKey.identity() + "]";
    }
  }

  /** A private key and a certificate chain. {@link #toString()} never shows the key. */
  record OfCertificate(PrivateKey privateKey, List<X509Certificate> chain) implements Credentials {
    public OfCertificate {
      Objects.requireNonNull(privateKey, "privateKey");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("empty certificate chain");
      }
    }

    @Override
    public String toString() {
      return "Credentials[certificate " + chain.get(0).getSubjectX500Principal() + ", identity "
          + identity() + "]";
    }
  }
}
