package org.openkes.core.keystore.fs;

import java.nio.file.Path;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.Section;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.KeyStoreProvider;

/** {@code keystore: fs: path: <dir>} */
public final class FsKeyStoreProvider implements KeyStoreProvider {
  @Override
  public String type() {
    return "fs";
  }

  @Override
  public KeyStore open(Section section) throws ConfigException, KeyStoreException {
    String path = section.string("path").orElse("");
    if (path.isBlank()) {
      throw section.error("path", "kesconf: invalid fs keystore: no path specified");
    }
    return FsKeyStore.open(Path.of(path));
  }
}
