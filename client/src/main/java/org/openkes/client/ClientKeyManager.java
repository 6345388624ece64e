package org.openkes.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the one client certificate whenever the server asks and the key type fits, whatever
 * CAs the server lists. That is what the SDK's certificate callback does; KES lists no CAs in
 * its default mode anyway (kes-compat.md §2.1).
 */
final class ClientKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "kes-client";

  private final Credentials credentials;
  private final PrivateKey key;
  private final X509Certificate[] chain;

  ClientKeyManager(Credentials credentials) {
    this.credentials = credentials;
    this.key = credentials.privateKey();
    this.chain = credentials.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return fits(keyTypes) ? ALIAS : null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return fits(keyTypes) ? ALIAS : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return fits(new String[] {keyType}) ? new String[] {ALIAS} : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null; // a client only
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  /** JSSE asks by key algorithm ("EC", "RSA", "RSASSA-PSS", "EdDSA"/"Ed25519", ...). */
  private boolean fits(String[] keyTypes) {
    String ours = family(key.getAlgorithm());
    for (String t : keyTypes) {
      if (t != null && family(t.split("_")[0]).equals(ours)) {
        return true;
      }
    }
    return false;
  }

  private static String family(String algorithm) {
    return switch (algorithm) {
      case "EdDSA", "Ed25519" -> "EdDSA";
      case "RSASSA-PSS" -> "RSA";
      default -> algorithm;
    };
  }

  @Override
  public String toString() {
    return "ClientKeyManager[" + credentials + "]";
  }
}
