package org.openkes.keystores.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openkes.core.config.ConfigException;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.Pem;

/**
 * The TLS settings for talking to Vault, as real KES's Vault client builds them: an optional
 * client certificate (mTLS) and, if {@code tls.ca} is set, the server is verified against the
 * CA file or every PEM file in the CA directory <em>instead of</em> the system roots (the Vault
 * Go client's {@code CACert}/{@code CAPath}); otherwise the system roots.
 */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext build(VaultConfig.Tls tls) throws ConfigException {
    try {
      KeyManagerFactory kmf = null;
      if (!tls.key().isEmpty()) {
        PrivateKey key = Pem.readPrivateKey(read(tls.key(), "private key"), null);
        List<X509Certificate> chain = Pem.readCertificates(read(tls.cert(), "certificate"));
        if (chain.isEmpty()) {
          throw new ConfigException("vault: no certificate in '" + tls.cert() + "'");
        }
        Pem.checkKeyMatchesCertificate(key, chain.get(0));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] none = new char[0];
        ks.setKeyEntry("client", key, none, chain.toArray(X509Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, none);
      }
      TrustManagerFactory tmf = null;
      if (!tls.ca().isEmpty()) {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int n = 0;
        for (X509Certificate c : caCertificates(tls.ca())) {
          trust.setCertificateEntry("ca-" + n++, c);
        }
        if (n == 0) {
          throw new ConfigException("vault: no CA certificate found in '" + tls.ca() + "'");
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (KeyMaterialException e) {
      throw new ConfigException("vault: invalid TLS material: " + e.getMessage(), e);
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("vault: cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> caCertificates(String ca) throws ConfigException, KeyMaterialException {
    Path p = Path.of(ca);
    if (!Files.isDirectory(p)) {
      return Pem.readCertificates(read(ca, "CA certificate"));
    }
    List<X509Certificate> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(p)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.addAll(Pem.readCertificates(read(f.toString(), "CA certificate")));
      }
    } catch (IOException e) {
      throw new ConfigException("vault: failed to open '" + ca + "': " + e.getMessage(), e);
    }
    return all;
  }

  private static byte[] read(String file, String what) throws ConfigException {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new ConfigException("vault: failed to read the TLS " + what + " '" + file + "': "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file or directory" : e.getMessage()), e);
    }
  }
}
