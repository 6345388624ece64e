package org.openkes.core.keystore.mem;

import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreContract;

class InMemoryKeyStoreTest extends KeyStoreContract {
  @Override
  protected KeyStore newStore() {
    return new InMemoryKeyStore();
  }
}
