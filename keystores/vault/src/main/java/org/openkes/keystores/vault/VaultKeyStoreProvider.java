package org.openkes.keystores.vault;

import org.openkes.core.config.ConfigException;
import org.openkes.core.config.Section;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.KeyStoreProvider;

/**
 * {@code keystore: vault: ...}: HashiCorp Vault or OpenBao, configured exactly as for real KES
 * (kes-compat.md §4.3) plus our {@code token:} authentication method.
 */
public final class VaultKeyStoreProvider implements KeyStoreProvider {
  @Override
  public String type() {
    return "vault";
  }

  @Override
  public KeyStore open(Section section) throws ConfigException, KeyStoreException {
    return VaultKeyStore.open(VaultConfig.parse(section));
  }
}
