package org.openkes.server.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.Pem;

/**
 * The server's private key and certificate chain (kes-compat.md §4.4).
 *
 * @param privateKey the key of the leaf
 * @param chain the served chain, leaf first
 */
public record ServerCredentials(PrivateKey privateKey, List<X509Certificate> chain) {
  public ServerCredentials {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain");
    }
  }

  public static ServerCredentials of(KeyAndCertificate kc) {
    return new ServerCredentials(kc.privateKey(), List.of(kc.certificate()));
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  /**
   * Loads {@code tls.cert} and {@code tls.key} as KES does: certificate blocks only in the cert
   * file, the first private key of the key file (decrypted with {@code password} if it is
   * RFC 1423-encrypted), the key must match the leaf, and the leaf must carry a DNS or IP SAN.
   *
   * @throws TlsException {@code failed to read TLS certificate: ...} or {@code invalid TLS
   *     certificate: ...}
   */
  public static ServerCredentials load(Path certFile, Path keyFile, String password)
      throws TlsException {
    ServerCredentials c;
    try {
      List<X509Certificate> chain = Pem.readCertificates(read(certFile));
      byte[] keyPem = read(keyFile);
      char[] pw = password.toCharArray();
      PrivateKey key;
      try {
        key = Pem.readPrivateKey(keyPem, pw);
      } finally {
        java.util.Arrays.fill(pw, '\0');
        java.util.Arrays.fill(keyPem, (byte) 0);
      }
      Pem.checkKeyMatchesCertificate(key, chain.get(0));
      c = new ServerCredentials(key, chain);
    } catch (KeyMaterialException | IOException e) {
      throw new TlsException("failed to read TLS certificate: " + e.getMessage(), e);
    }
    if (!hasDnsOrIpSan(c.leaf())) {
      throw new TlsException(
          "invalid TLS certificate: certificate does not contain any DNS or IP address as SAN");
    }
    return c;
  }

  private static boolean hasDnsOrIpSan(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        if (type == 2 || type == 7) { // dNSName, iPAddress
          return true;
        }
      }
      return false;
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  /** Reads a file; errors read like Go's {@code open <file>: <reason>}. */
  static byte[] read(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("open " + file + ": no such file or directory", e);
    } catch (AccessDeniedException e) {
      throw new IOException("open " + file + ": permission denied", e);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new IOException("read " + file + ": is a directory", e);
      }
      throw new IOException("open " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ServerCredentials[" + leaf().getSubjectX500Principal() + ", <key redacted>]";
  }
}
