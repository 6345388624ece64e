package org.openkes.server.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openkes.core.config.ServerConfig.ClientAuth;
import org.openkes.core.tls.CurveProvider;

/**
 * The server side of TLS: 1.2 and 1.3 only, the server's credentials, and one of KES's four
 * client-certificate modes (kes-compat.md §2.1). Builds Jetty's {@link SslContextFactory.Server}
 * and can swap its material while the server runs (SIGHUP, periodic certificate reload).
 *
 * @param credentials the server key and chain
 * @param clientAuth the handshake mode
 * @param clientCas extra CAs for verifying client certificates (verify modes only)
 */
public record ServerTls(
    ServerCredentials credentials, ClientAuth clientAuth, List<X509Certificate> clientCas) {

  public ServerTls {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clientAuth, "clientAuth");
    clientCas = List.copyOf(clientCas);
  }

  /** A new Jetty factory for this configuration. */
  public SslContextFactory.Server newFactory() throws TlsException {
    SslContextFactory.Server f = new SslContextFactory.Server();
    apply(f);
    f.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    // HTTP/2 forbids many TLS 1.2 suites; put the allowed ones first, as Jetty recommends.
    f.setCipherComparator(HTTP2Cipher.COMPARATOR);
    f.setRenegotiationAllowed(false);
    f.setSniRequired(false);
    return f;
  }

  /** Replaces the material of a running factory (existing connections keep theirs). */
  public void reload(SslContextFactory.Server factory) throws TlsException {
    SSLContext ctx = sslContext();
    try {
      factory.reload(f -> {
        f.setSslContext(ctx);
        mode((SslContextFactory.Server) f);
      });
    } catch (Exception e) {
      throw new TlsException("failed to update TLS configuration: " + e.getMessage(), e);
    }
  }

  private void apply(SslContextFactory.Server f) throws TlsException {
    f.setSslContext(sslContext());
    mode(f);
  }

  private void mode(SslContextFactory.Server f) {
    switch (clientAuth) {
      case REQUIRE_ANY, REQUIRE_AND_VERIFY -> {
        f.setWantClientAuth(false);
        f.setNeedClientAuth(true);
      }
      case REQUEST, VERIFY_IF_GIVEN -> {
        f.setNeedClientAuth(false);
        f.setWantClientAuth(true);
      }
    }
  }

  /** The JSSE context: our key manager and the mode's trust manager. */
  public SSLContext sslContext() throws TlsException {
    try {
      CurveProvider.install();
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {new ServerKeyManager(credentials)}, trustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TlsException("failed to set up TLS: " + e.getMessage(), e);
    }
  }

  private TrustManager[] trustManagers() throws GeneralSecurityException, java.io.IOException {
    return switch (clientAuth) {
      case REQUIRE_ANY, REQUEST -> new TrustManager[] {new AcceptAnyClient()};
      case REQUIRE_AND_VERIFY, VERIFY_IF_GIVEN -> verifying();
    };
  }

  /** PKIX over the system roots plus {@code tls.ca}, as Go's system pool plus the CA files. */
  private TrustManager[] verifying() throws GeneralSecurityException, java.io.IOException {
    KeyStore roots = KeyStore.getInstance("PKCS12");
    roots.load(null, null);
    int n = 0;
    TrustManagerFactory system =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    system.init((KeyStore) null);
    for (TrustManager tm : system.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        for (X509Certificate c : x.getAcceptedIssuers()) {
          roots.setCertificateEntry("system-" + n++, c);
        }
      }
    }
    for (X509Certificate c : clientCas) {
      roots.setCertificateEntry("ca-" + n++, c);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(roots);
    return tmf.getTrustManagers();
  }
}
