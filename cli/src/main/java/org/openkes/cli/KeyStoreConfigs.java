package org.openkes.cli;

import java.nio.file.Path;
import java.util.function.Function;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.KeyStores;

/** Opens the keystore configured in the {@code keystore:} section of a KES config file. */
public final class KeyStoreConfigs {
  private KeyStoreConfigs() {}

  /**
   * Reads only the keystore section (the rest of a server config is not needed);
   * {@code ${VAR}} values come from {@code env}.
   */
  public static KeyStore open(Path configFile, Function<String, String> env)
      throws ConfigException, KeyStoreException {
    return KeyStores.fromClassPath().open(ServerConfigLoader.loadKeystore(configFile, env));
  }
}
