package org.openkes.core.keystore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where master keys live: one opaque value per name, written once (kes-compat.md §5,
 * keystores.md §1). Implementations are thread-safe. Names reaching a keystore have passed
 * {@link org.openkes.core.key.KeyName#isValid}.
 */
public interface KeyStore extends AutoCloseable {

  /** The default page size for {@link #listAll}. */
  int DEFAULT_PAGE_SIZE = 1000;

  /**
   * Stores {@code value} under {@code name} if and only if the name is free. Atomic: afterwards
   * either the whole value is stored or nothing is; of concurrent creates of one name exactly
   * one succeeds.
   *
   * @throws KeyStoreException.KeyExists if the name is taken
   */
  void create(String name, byte[] value) throws KeyStoreException;

  /**
   * The value stored under {@code name} (a fresh copy).
   *
   * @throws KeyStoreException.KeyNotFound if there is none
   */
  byte[] get(String name) throws KeyStoreException;

  /**
   * Removes {@code name}.
   *
   * @throws KeyStoreException.KeyNotFound if there is none and the backend can tell (see
   *     {@link #reportsMissingOnDelete()})
   */
  void delete(String name) throws KeyStoreException;

  /**
   * Names starting with {@code prefix} ("" for all) that sort after {@code continueAfter} (null
   * to start from the beginning), ascending, at most {@code limit} of them.
   *
   * @param limit the page size, at least 1
   */
  ListPage list(String prefix, String continueAfter, int limit) throws KeyStoreException;

  /**
   * Checks that the keystore is reachable and returns how long that took.
   *
   * @throws KeyStoreException.Unreachable if it is not
   */
  Duration status() throws KeyStoreException;

  /** What the server banner shows after {@code KMS}, e.g. {@code Filesystem /var/kes}. */
  String description();

  /**
   * Whether {@link #delete} of a missing name throws KeyNotFound (fs, in-memory, AWS) or
   * succeeds silently (Vault, as real KES).
   */
  default boolean reportsMissingOnDelete() {
    return true;
  }

  /** Every name with the prefix, following continuation tokens to the end. */
  default List<String> listAll(String prefix) throws KeyStoreException {
    List<String> all = new ArrayList<>();
    String after = null;
    while (true) {
      ListPage page = list(prefix, after, DEFAULT_PAGE_SIZE);
      all.addAll(page.names());
      if (page.next() == null) {
        return all;
      }
      after = page.next();
    }
  }

  /** Releases connections and background tasks. */
  @Override
  default void close() {}
}
