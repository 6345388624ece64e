package org.openkes.keystores.aws;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreContract;

/**
 * The shared keystore contract against a real moto server: a fresh (reset) moto per test, and
 * a TCP proxy in between so that an outage is a real refused connection.
 */
class AwsSecretsManagerContractTest extends KeyStoreContract {
  @RegisterExtension static final MotoExtension MOTO = new MotoExtension();

  private TcpToggleProxy proxy;

  @Override
  protected KeyStore newStore() throws Exception {
    MOTO.server().reset();
    proxy = TcpToggleProxy.to(MOTO.server().port());
    return new AwsSecretsManagerProvider().open(Moto.section(proxy.endpoint()));
  }

  /** Enough for several ListSecrets pages (100 each) and several contract pages (333, 1,000). */
  @Override
  protected int bulkKeyCount() {
    return 1_200;
  }

  @Override
  protected boolean makeUnreachable() throws Exception {
    proxy.off();
    return true;
  }

  @Override
  protected void makeReachable() throws Exception {
    proxy.on();
  }

  @AfterEach
  void stopProxy() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
  }
}
