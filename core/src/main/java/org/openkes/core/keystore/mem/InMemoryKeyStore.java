package org.openkes.core.keystore.mem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;

/**
 * A volatile keystore in memory, for {@code kes server --dev} and for tests. Keys vanish with
 * the process.
 */
public final class InMemoryKeyStore implements KeyStore {
  private final ConcurrentSkipListMap<String, byte[]> keys = new ConcurrentSkipListMap<>();

  @Override
  public void create(String name, byte[] value) throws KeyStoreException {
    if (keys.putIfAbsent(name, value.clone()) != null) {
      throw new KeyStoreException.KeyExists(name);
    }
  }

  @Override
  public byte[] get(String name) throws KeyStoreException {
    byte[] v = keys.get(name);
    if (v == null) {
      throw new KeyStoreException.KeyNotFound(name);
    }
    return v.clone();
  }

  @Override
  public void delete(String name) throws KeyStoreException {
    if (keys.remove(name) == null) {
      throw new KeyStoreException.KeyNotFound(name);
    }
  }

  @Override
  public ListPage list(String prefix, String continueAfter, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    NavigableMap<String, byte[]> tail = continueAfter == null || continueAfter.compareTo(prefix) < 0
        ? keys.tailMap(prefix, true)
        : keys.tailMap(continueAfter, false);
    List<String> names = new ArrayList<>(Math.min(limit, 1024));
    for (String n : tail.keySet()) {
      if (!n.startsWith(prefix)) {
        break;
      }
      if (names.size() == limit) {
        return new ListPage(names, names.get(limit - 1));
      }
      names.add(n);
    }
    return ListPage.last(names);
  }

  @Override
  public Duration status() {
    return Duration.ofMillis(1); // as real KES's in-memory store
  }

  @Override
  public String description() {
    return "In Memory";
  }
}
