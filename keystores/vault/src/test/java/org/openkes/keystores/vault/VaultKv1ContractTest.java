package org.openkes.keystores.vault;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreContract;

/** The shared contract against OpenBao, K/V v1 (KES's default), AppRole login. */
class VaultKv1ContractTest extends KeyStoreContract {
  @RegisterExtension static final OpenBaoExtension BAO = new OpenBaoExtension();

  @Override
  protected KeyStore newStore() throws Exception {
    return TestStores.open(TestStores.appRole(BAO, "kv", "v1", TestStores.uniquePrefix("contract")));
  }

  @Override
  protected int bulkKeyCount() {
    return 2_000; // beyond real KES's 1,024-name page, at HTTP speed
  }

  @Override
  protected boolean makeUnreachable() throws Exception {
    BAO.server().suspend();
    return true;
  }

  @Override
  protected void makeReachable() throws Exception {
    BAO.server().resume();
  }
}
