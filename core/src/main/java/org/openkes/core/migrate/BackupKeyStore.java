package org.openkes.core.migrate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;

/**
 * A backup file seen as a read-only keystore, so that restoring it is just a migration from it
 * to the target, with all the engine's checks (conflicts, verification, dry run).
 */
public final class BackupKeyStore implements KeyStore {
  private final TreeMap<String, byte[]> values;
  private final String description;

  public BackupKeyStore(Path file, Map<String, byte[]> values) {
    this.values = new TreeMap<>(values);
    this.description = "Backup " + file.toAbsolutePath().normalize();
  }

  @Override
  public void create(String name, byte[] value) throws KeyStoreException {
    throw new KeyStoreException.Failure("a backup file is read-only", null);
  }

  @Override
  public byte[] get(String name) throws KeyStoreException {
    byte[] v = values.get(name);
    if (v == null) {
      throw new KeyStoreException.KeyNotFound(name);
    }
    return v.clone();
  }

  @Override
  public void delete(String name) throws KeyStoreException {
    throw new KeyStoreException.Failure("a backup file is read-only", null);
  }

  @Override
  public ListPage list(String prefix, String continueAfter, int limit) {
    List<String> names = values.keySet().stream()
        .filter(n -> n.startsWith(prefix) && (continueAfter == null || n.compareTo(continueAfter) > 0))
        .limit(limit + 1L)
        .toList();
    if (names.size() <= limit) {
      return ListPage.last(names);
    }
    List<String> page = names.subList(0, limit);
    return new ListPage(page, page.get(limit - 1));
  }

  @Override
  public Duration status() {
    return Duration.ZERO;
  }

  @Override
  public String description() {
    return description;
  }
}
