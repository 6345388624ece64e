package org.openkes.keystores.vault;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreContract;

/** The shared contract against OpenBao, K/V v2 with every value wrapped by a transit key. */
class VaultTransitContractTest extends KeyStoreContract {
  @RegisterExtension static final OpenBaoExtension BAO = new OpenBaoExtension();

  @Override
  protected KeyStore newStore() throws Exception {
    Map<String, Object> cfg = TestStores.appRole(BAO, "kv2", "v2", TestStores.uniquePrefix("transit"));
    cfg.put("transit", Map.of("key", "kes"));
    return TestStores.open(cfg);
  }

  @Override
  protected int bulkKeyCount() {
    return 1_100; // each create also encrypts: keep the run short, still past 1,024
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
