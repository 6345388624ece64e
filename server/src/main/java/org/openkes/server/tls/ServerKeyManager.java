package org.openkes.server.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves the one server certificate KES has. JSSE's own key managers look the key up in a
 * {@link java.security.KeyStore} on every handshake (for PKCS#12 that is a password-based
 * decryption each time); this one hands out the key it was built with.
 *
 * <p>The certificate is offered whatever issuers the client names, as Go's {@code tls.Config}
 * with one certificate does; JSSE still checks that the key fits the signature scheme.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "server";

  private final ServerCredentials credentials;
  private final X509Certificate[] chain;

  ServerKeyManager(ServerCredentials credentials) {
    this.credentials = credentials;
    this.chain = credentials.chain().toArray(new X509Certificate[0]);
  }

  private String aliasFor(String keyType) {
    return keyType != null && keyType.equals(credentials.leaf().getPublicKey().getAlgorithm())
        ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? credentials.privateKey() : null;
  }

  /** A server never acts as a TLS client. */
  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
