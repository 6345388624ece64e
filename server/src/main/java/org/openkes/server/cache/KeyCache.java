package org.openkes.server.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.key.InvalidKeyException;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;

/**
 * The key cache in front of a keystore (kes-compat.md §9), with KES's observable behaviour:
 *
 * <ul>
 *   <li>reads (describe, encrypt, decrypt, generate, hmac) are served from the cache; a miss
 *       fetches from the keystore once per name at a time (concurrent misses of one name wait
 *       for that fetch; errors are not cached);
 *   <li>create does not populate the cache; delete evicts after the keystore deleted;
 *   <li>every {@code any}: drop everything; every {@code unused/2}: drop entries not read since
 *       the previous run; both suspended while the keystore is offline and {@code offline > 0},
 *       when only the {@code offline} flush runs (so cached keys keep serving an outage);
 *   <li>every 10 s a health check sets the offline flag; while set, {@link #status} reports the
 *       keystore unreachable without asking it.
 * </ul>
 *
 * Entries live in a concurrent map; a cache entry holds the decoded key, never the stored bytes.
 */
public final class KeyCache implements AutoCloseable {
  /** How often the keystore's health is checked. */
  public static final Duration HEALTH_CHECK_PERIOD = Duration.ofSeconds(10);

  private final KeyStore store;
  private final ServerConfig.Cache config;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, Barrier> barriers = new ConcurrentHashMap<>();
  private final AtomicBoolean offline = new AtomicBoolean();
  private final List<Ticker.Task> tasks = new ArrayList<>();

  private static final class Entry {
    final KeyVersion key;
    volatile boolean used = true;

    Entry(KeyVersion key) {
      this.key = key;
    }
  }

  /** A reference-counted lock per name, removed when nobody holds or waits for it. */
  private static final class Barrier {
    final ReentrantLock lock = new ReentrantLock();
    int refs; // guarded by the barriers map's compute
  }

  /** Why {@link #get} failed. */
  public sealed interface Failure {
    /** The keystore has no such key. */
    record NotFound() implements Failure {}

    /** The keystore failed (anything but not-found). */
    record Store(KeyStoreException cause) implements Failure {}

    /** The stored value is not a key KES can read. */
    record Undecodable(InvalidKeyException cause) implements Failure {}
  }

  /** {@link #get} failed; see {@link #failure()}. */
  public static final class GetException extends Exception {
    private final transient Failure failure;

    GetException(Failure failure, String message, Throwable cause) {
      super(message, cause);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  /**
   * @param store the keystore, owned by the cache from now on (closed with it)
   * @param config expiry settings
   * @param ticker runs the expiry and health tasks
   */
  public KeyCache(KeyStore store, ServerConfig.Cache config, Ticker ticker) {
    this.store = Objects.requireNonNull(store, "store");
    this.config = Objects.requireNonNull(config, "config");
    schedule(ticker, config.any(), this::expireAll);
    schedule(ticker, config.unused().dividedBy(2), this::expireUnused);
    schedule(ticker, config.offline(), this::expireOffline);
    schedule(ticker, HEALTH_CHECK_PERIOD, this::checkHealth);
  }

  private void schedule(Ticker ticker, Duration period, Runnable task) {
    if (period.isPositive()) {
      tasks.add(ticker.every(period, task));
    }
  }

  /** The keystore behind the cache. */
  public KeyStore store() {
    return store;
  }

  /**
   * The key named {@code name}, from the cache or the keystore.
   *
   * @throws GetException if the keystore has no such key, fails, or holds an undecodable value
   */
  public KeyVersion get(String name) throws GetException {
    Entry e = entries.get(name);
    if (e != null) {
      e.used = true;
      return e.key;
    }
    Barrier b = barriers.compute(name, (n, old) -> {
      Barrier x = old == null ? new Barrier() : old;
      x.refs++;
      return x;
    });
    b.lock.lock();
    try {
      e = entries.get(name);
      if (e != null) {
        e.used = true;
        return e.key;
      }
      byte[] value;
      try {
        value = store.get(name);
      } catch (KeyStoreException.KeyNotFound nf) {
        throw new GetException(new Failure.NotFound(), nf.getMessage(), nf);
      } catch (KeyStoreException ks) {
        throw new GetException(new Failure.Store(ks), ks.getMessage(), ks);
      }
      KeyVersion key;
      try {
        key = KeyVersionCodec.decode(value);
      } catch (InvalidKeyException ik) {
        throw new GetException(
            new Failure.Undecodable(ik), "key '" + name + "': " + ik.getMessage(), ik);
      } finally {
        java.util.Arrays.fill(value, (byte) 0);
      }
      entries.put(name, new Entry(key));
      return key;
    } finally {
      b.lock.unlock();
      barriers.compute(name, (n, x) -> --x.refs == 0 ? null : x);
    }
  }

  /**
   * The key named {@code name} if it is cached, marked as used as {@link #get} marks it; never
   * goes to the keystore, so it never waits.
   */
  public Optional<KeyVersion> cached(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      return Optional.empty();
    }
    e.used = true;
    return Optional.of(e.key);
  }

  /** Creates a key at the keystore (not cached: other nodes may delete it). */
  public void create(String name, KeyVersion key) throws KeyStoreException {
    byte[] value = KeyVersionCodec.encode(key);
    try {
      store.create(name, value);
    } finally {
      java.util.Arrays.fill(value, (byte) 0);
    }
  }

  /** Deletes a key at the keystore, then from this cache. */
  public void delete(String name) throws KeyStoreException {
    store.delete(name);
    entries.remove(name);
  }

  /**
   * The keystore's status: its latency, or {@link KeyStoreException.Unreachable} without asking
   * it while the health check says it is offline.
   */
  public Duration status() throws KeyStoreException {
    if (offline.get()) {
      throw new KeyStoreException.Unreachable("keystore is offline", null);
    }
    return store.status();
  }

  /** Whether the last health check failed. */
  public boolean isOffline() {
    return offline.get();
  }

  /** Whether {@code name} is cached (tests and diagnostics). */
  public boolean isCached(String name) {
    return entries.containsKey(name);
  }

  // --- the periodic tasks (package-private so tests can run them directly) ---

  void expireAll() {
    if (!offline.get() || config.offline().isZero()) {
      entries.clear();
    }
  }

  void expireUnused() {
    if (!offline.get() || config.offline().isZero()) {
      // Survives only an entry read since the previous run; its flag is reset for the next.
      entries.entrySet().removeIf(en -> {
        Entry e = en.getValue();
        if (!e.used) {
          return true;
        }
        e.used = false;
        return false;
      });
    }
  }

  void expireOffline() {
    if (offline.get() && config.offline().isPositive()) {
      entries.clear();
    }
  }

  void checkHealth() {
    try {
      store.status();
      offline.set(false);
    } catch (KeyStoreException | RuntimeException e) {
      offline.set(true);
    }
  }

  /** Stops the background tasks and closes the keystore. */
  @Override
  public void close() {
    tasks.forEach(Ticker.Task::cancel);
    entries.clear();
    store.close();
  }
}
