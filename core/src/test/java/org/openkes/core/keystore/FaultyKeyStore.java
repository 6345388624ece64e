package org.openkes.core.keystore;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double that wraps a real keystore and injects faults and latency: named as a double,
 * used only to reach failure paths a healthy store never takes.
 */
public class FaultyKeyStore implements KeyStore {
  /** Decides, per call, whether to fail; return null to let the call through. */
  @FunctionalInterface
  public interface Fault {
    KeyStoreException check(String op, String name);
  }

  private final KeyStore delegate;
  private volatile Fault fault = (op, name) -> null;
  private volatile Duration latency = Duration.ZERO;
  private final String description;
  public final AtomicInteger creates = new AtomicInteger();
  public final AtomicInteger deletes = new AtomicInteger();
  public final AtomicInteger gets = new AtomicInteger();

  public FaultyKeyStore(KeyStore delegate, String description) {
    this.delegate = delegate;
    this.description = description;
  }

  public FaultyKeyStore withFault(Fault f) {
    this.fault = f;
    return this;
  }

  public FaultyKeyStore withLatency(Duration d) {
    this.latency = d;
    return this;
  }

  private void enter(String op, String name) throws KeyStoreException {
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    KeyStoreException e = fault.check(op, name);
    if (e != null) {
      throw e;
    }
  }

  @Override
  public void create(String name, byte[] value) throws KeyStoreException {
    creates.incrementAndGet();
    enter("create", name);
    delegate.create(name, value);
  }

  @Override
  public byte[] get(String name) throws KeyStoreException {
    gets.incrementAndGet();
    enter("get", name);
    return delegate.get(name);
  }

  @Override
  public void delete(String name) throws KeyStoreException {
    deletes.incrementAndGet();
    enter("delete", name);
    delegate.delete(name);
  }

  @Override
  public ListPage list(String prefix, String continueAfter, int limit) throws KeyStoreException {
    enter("list", prefix);
    return delegate.list(prefix, continueAfter, limit);
  }

  @Override
  public Duration status() throws KeyStoreException {
    enter("status", "");
    return delegate.status();
  }

  @Override
  public String description() {
    return description;
  }
}
