package org.openkes.bench;

import java.time.Duration;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;

/** Adds a fixed latency to every call of a keystore: a stand-in for a remote KMS round trip. */
final class SlowKeyStore implements KeyStore {
  private final KeyStore delegate;
  private final Duration latency;
  private final String description;

  SlowKeyStore(KeyStore delegate, Duration latency, String description) {
    this.delegate = delegate;
    this.latency = latency;
    this.description = description;
  }

  private void pause() {
    try {
      Thread.sleep(latency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void create(String name, byte[] value) throws KeyStoreException {
    pause();
    delegate.create(name, value);
  }

  @Override
  public byte[] get(String name) throws KeyStoreException {
    pause();
    return delegate.get(name);
  }

  @Override
  public void delete(String name) throws KeyStoreException {
    pause();
    delegate.delete(name);
  }

  @Override
  public ListPage list(String prefix, String continueAfter, int limit) throws KeyStoreException {
    pause();
    return delegate.list(prefix, continueAfter, limit);
  }

  @Override
  public Duration status() throws KeyStoreException {
    pause();
    return delegate.status();
  }

  @Override
  public String description() {
    return description;
  }
}
