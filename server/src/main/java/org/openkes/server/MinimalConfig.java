package org.openkes.server;

import java.nio.file.Path;

/**
 * The smallest config file of a server with an fs keystore: an address, the admin, the TLS key
 * pair, the keystore's directory. The CLI's start-up training starts a server from it (so that
 * {@code kes server --config} starts from the class cache), and the tests that need a config
 * file do.
 */
public final class MinimalConfig {
  private MinimalConfig() {}

  /** The YAML text; every other setting keeps its default. */
  public static String yaml(String address, String adminIdentity, Path key, Path cert, Path keys) {
    return """
        address: %s
        admin:
          identity: %s
        tls:
          key: %s
          cert: %s
        keystore:
          fs:
            path: %s
        """.formatted(address, adminIdentity, key, cert, keys);
  }
}
