package org.openkes.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.Pem;

/**
 * {@code tls.ca}: a file or a directory (not recursive) of PEM certificates that verify client
 * certificates with {@code tls.auth: on}, in addition to the system roots (kes-compat.md §4.4).
 */
public final class ClientCas {
  private ClientCas() {}

  /**
   * @throws TlsException {@code failed to read TLS CA certificates: ...}
   */
  public static List<X509Certificate> load(Path path) throws TlsException {
    try {
      if (!Files.exists(path)) {
        throw new IOException("stat " + path + ": no such file or directory");
      }
      List<X509Certificate> out = new ArrayList<>();
      if (!Files.isDirectory(path)) {
        out.addAll(file(path));
        return out;
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(path)) {
        files = s.filter(p -> !Files.isDirectory(p)).sorted().toList();
      }
      for (Path f : files) {
        out.addAll(file(f));
      }
      return out;
    } catch (IOException e) {
      throw new TlsException("failed to read TLS CA certificates: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> file(Path f) throws IOException {
    byte[] pem;
    try {
      pem = ServerCredentials.read(f);
    } catch (NoSuchFileException e) {
      throw new IOException("open " + f + ": no such file or directory", e);
    }
    try {
      return Pem.readCertificates(pem);
    } catch (KeyMaterialException e) {
      throw new IOException(
          e.getMessage().startsWith("https: ") ? e.getMessage()
              : "https: failed to add '" + f + "' as CA certificate", e);
    }
  }
}
