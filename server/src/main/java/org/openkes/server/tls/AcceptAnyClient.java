package org.openkes.server.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Go's {@code RequireAnyClientCert} / {@code RequestClientCert} trust: any client chain is
 * accepted unverified, since the TLS handshake has already proven that the client holds the
 * certificate's private key, and the identity is the hash of that key (kes-compat.md §2.1).
 *
 * <p>Advertises no certificate authorities, so that clients with a fixed certificate are not
 * tempted to withhold one that no listed CA issued.
 */
final class AcceptAnyClient extends X509ExtendedTrustManager {
  private static final X509Certificate[] NONE = new X509Certificate[0];

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  // The server never verifies a server; refusing keeps this trust manager from being misused.
  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("not a client trust manager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("not a client trust manager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("not a client trust manager");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NONE;
  }
}
