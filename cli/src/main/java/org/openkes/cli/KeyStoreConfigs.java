package org.openkes.cli;

import java.nio.file.Path;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.KeyStores;

/** Opens the keystore configured in the {@code keystore:} section of a KES config file. */
public final class KeyStoreConfigs {
  private KeyStoreConfigs() {}

  /** Reads only the keystore section (the rest of a server config is not needed). */
  public static KeyStore open(Path configFile) throws ConfigException, KeyStoreException {
    return KeyStores.fromClassPath().open(ServerConfigLoader.loadKeystore(configFile, System::getenv));
  }
}
