package org.openkes.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.FaultyKeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.mem.InMemoryKeyStore;
import org.openkes.server.ManualTicker;

/** The cache's expiry and offline semantics (kes-compat.md §9), with a manual ticker. */
class KeyCacheTest {
  static final Duration ANY = Duration.ofMinutes(5);
  static final Duration UNUSED = Duration.ofSeconds(30);

  final ManualTicker ticker = new ManualTicker();
  final FaultyKeyStore store = new FaultyKeyStore(new InMemoryKeyStore(), "test");
  volatile boolean down;

  KeyCacheTest() {
    store.withFault((op, name) -> down
        ? new KeyStoreException.Unreachable("test store is down", null) : null);
  }

  static byte[] value() {
    return KeyVersionCodec.encode(KeyVersion.of(SecretKey.of(KeyType.AES256, new byte[32]),
        HmacKey.of(new byte[32]), Instant.EPOCH, ""));
  }

  KeyCache cache(Duration offline, String... names) throws Exception {
    for (String n : names) {
      store.create(n, value());
    }
    return new KeyCache(store, new ServerConfig.Cache(ANY, UNUSED, offline), ticker);
  }

  @Test
  void aReadIsServedFromTheCacheUntilTheAnyFlush() throws Exception {
    KeyCache c = cache(Duration.ZERO, "k");
    c.get("k");
    c.get("k");
    assertThat(store.gets.get()).isEqualTo(1);
    // Kept alive by use, the entry still goes at the periodic "any" flush.
    for (int i = 0; i < 19; i++) {
      ticker.advance(Duration.ofSeconds(15));
      c.get("k");
    }
    assertThat(store.gets.get()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(15)); // t = 5m: flush
    assertThat(c.isCached("k")).isFalse();
    c.get("k");
    assertThat(store.gets.get()).isEqualTo(2);
  }

  @Test
  void unusedEntriesGoAfterAtMostUnused() throws Exception {
    KeyCache c = cache(Duration.ZERO, "idle", "busy");
    c.get("idle");
    c.get("busy");
    ticker.advance(Duration.ofSeconds(15)); // first unused run: both were read, flags cleared
    assertThat(c.isCached("idle")).isTrue();
    c.get("busy");
    ticker.advance(Duration.ofSeconds(15)); // second run: idle was not read since
    assertThat(c.isCached("idle")).isFalse();
    assertThat(c.isCached("busy")).isTrue();
  }

  @Test
  void createDoesNotCacheAndDeleteEvicts() throws Exception {
    KeyCache c = cache(Duration.ZERO);
    c.create("new", KeyVersionCodec.decode(value()));
    assertThat(c.isCached("new")).isFalse();
    c.get("new");
    assertThat(c.isCached("new")).isTrue();
    c.delete("new");
    assertThat(c.isCached("new")).isFalse();
    assertThatThrownBy(() -> c.get("new")).isInstanceOfSatisfying(KeyCache.GetException.class,
        e -> assertThat(e.failure()).isInstanceOf(KeyCache.Failure.NotFound.class));
  }

  @Test
  void healthCheckSetsOfflineAndStatusStopsAsking() throws Exception {
    KeyCache c = cache(Duration.ZERO);
    assertThat(c.status()).isPositive();
    down = true;
    assertThat(c.isOffline()).isFalse(); // only the health check decides
    ticker.advance(KeyCache.HEALTH_CHECK_PERIOD);
    assertThat(c.isOffline()).isTrue();
    down = false;
    assertThatThrownBy(c::status).isInstanceOf(KeyStoreException.Unreachable.class)
        .hasMessage("keystore is offline");
    ticker.advance(KeyCache.HEALTH_CHECK_PERIOD);
    assertThat(c.isOffline()).isFalse();
    assertThat(c.status()).isPositive();
  }

  @Test
  void withOfflineCachingKeysSurviveAnOutageUntilTheOfflineFlush() throws Exception {
    KeyCache c = cache(Duration.ofMinutes(20), "k");
    c.get("k");
    down = true;
    ticker.advance(KeyCache.HEALTH_CHECK_PERIOD);
    assertThat(c.isOffline()).isTrue();
    ticker.advance(Duration.ofMinutes(10)); // any and unused flushes are suspended
    assertThat(c.isCached("k")).isTrue();
    assertThat(c.get("k")).isNotNull();
    ticker.advance(Duration.ofMinutes(10)); // t ≈ 20m: the offline flush
    assertThat(c.isCached("k")).isFalse();
    assertThatThrownBy(() -> c.get("k")).isInstanceOfSatisfying(KeyCache.GetException.class,
        e -> assertThat(e.failure()).isInstanceOf(KeyCache.Failure.Store.class));
  }

  @Test
  void withoutOfflineCachingAnOutageChangesNothing() throws Exception {
    KeyCache c = cache(Duration.ZERO, "k");
    c.get("k");
    down = true;
    ticker.advance(Duration.ofSeconds(10));
    assertThat(c.isCached("k")).isTrue();
    ticker.advance(Duration.ofSeconds(20)); // unused runs at 15s and 30s; "k" idle since 15s
    assertThat(c.isCached("k")).isFalse();
  }

  @Test
  void errorsAreNotCached() throws Exception {
    KeyCache c = cache(Duration.ZERO, "k");
    down = true;
    assertThatThrownBy(() -> c.get("k")).isInstanceOf(KeyCache.GetException.class);
    down = false;
    assertThat(c.get("k")).isNotNull();
  }

  @Test
  void concurrentMissesFetchOnce() throws Exception {
    KeyCache c = cache(Duration.ZERO, "hot");
    CountDownLatch release = new CountDownLatch(1);
    store.withFault((op, name) -> {
      if (op.equals("get")) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    });
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<KeyVersion>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> c.get("hot")));
      }
      Thread.sleep(100); // let them pile up behind the first fetch
      release.countDown();
      for (Future<KeyVersion> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isNotNull();
      }
      assertThat(store.gets.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeStopsTheTasks() throws Exception {
    KeyCache c = cache(Duration.ofMinutes(1));
    assertThat(ticker.active()).isEqualTo(4);
    c.close();
    assertThat(ticker.active()).isZero();
  }
}
