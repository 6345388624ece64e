package org.openkes.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.Pem;

/** How the client decides whether to trust the server's certificate. */
public sealed interface ServerTrust
    permits ServerTrust.SystemRoots, ServerTrust.Certificates, ServerTrust.Insecure {

  /** The JDK's default trust store, the equivalent of the OS trust store the {@code kes} CLI uses. */
  static ServerTrust systemRoots() {
    return new SystemRoots();
  }

  /**
   * Only these certificates as trust anchors (a private CA, or the server's self-signed
   * certificate itself). The system roots are <em>not</em> added: naming a CA pins it.
   */
  static ServerTrust certificates(List<X509Certificate> anchors) {
    return new Certificates(anchors);
  }

  /**
   * The certificates of a PEM file (only {@code CERTIFICATE} blocks).
   *
   * @throws InvalidCredentialsException naming the file and what is wrong with it
   */
  static ServerTrust caFile(Path file) throws InvalidCredentialsException {
    byte[] pem;
    try {
      pem = Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new InvalidCredentialsException("cannot read CA file '" + file + "': " + e.getMessage(), e);
    }
    try {
      return new Certificates(Pem.readCertificates(pem));
    } catch (KeyMaterialException e) {
      throw new InvalidCredentialsException("CA file '" + file + "': " + e.getMessage(), e);
    }
  }

  /**
   * No verification at all: any certificate for any host ({@code kes -k/--insecure}). Only for
   * tests and first steps; anyone in the path can read and change the traffic.
   */
  static ServerTrust insecure() {
    return new Insecure();
  }

  /** See {@link #systemRoots()}. */
  record SystemRoots() implements ServerTrust {}

  /** See {@link #certificates(List)}. */
  record Certificates(List<X509Certificate> anchors) implements ServerTrust {
    public Certificates {
      anchors = List.copyOf(anchors);
      if (anchors.isEmpty()) {
        throw new IllegalArgumentException("no CA certificates");
      }
    }
  }

  /** See {@link #insecure()}. */
  record Insecure() implements ServerTrust {}
}
