package org.openkes.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the client's {@link SSLContext}: our certificate, the chosen trust, TLS 1.2+. */
final class TlsContexts {
  /** KES and the SDK require at least TLS 1.2. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private TlsContexts() {}

  static SSLContext create(Credentials credentials, ServerTrust trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {new ClientKeyManager(credentials)}, trustManagers(trust), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  static SSLParameters parameters() {
    SSLParameters p = new SSLParameters();
    p.setProtocols(PROTOCOLS.clone());
    return p;
  }

  private static TrustManager[] trustManagers(ServerTrust trust) throws GeneralSecurityException {
    return switch (trust) {
      case ServerTrust.Insecure i -> new TrustManager[] {new InsecureTrustManager()};
      case ServerTrust.SystemRoots s -> factory(null).getTrustManagers();
      case ServerTrust.Certificates c -> factory(anchors(c)).getTrustManagers();
    };
  }

  private static TrustManagerFactory factory(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(anchors); // null: the JDK's cacerts
    return f;
  }

  private static KeyStore anchors(ServerTrust.Certificates c) throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create an empty key store", e); // no I/O happens
    }
    int i = 0;
    for (X509Certificate cert : c.anchors()) {
      ks.setCertificateEntry("ca-" + i++, cert);
    }
    return ks;
  }
}
