package org.openkes.core.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;

/**
 * The semantics every {@link KeyStore} must have, stated once. Each backend's test extends this
 * class and supplies a fresh, empty store — against the real service where one can run here.
 * Backends that can simulate an outage override {@link #makeUnreachable()} and
 * {@link #makeReachable()}.
 */
@Timeout(300)
public abstract class KeyStoreContract {
  protected KeyStore store;

  /** A new, empty store; called before each test. */
  protected abstract KeyStore newStore() throws Exception;

  /** How many keys the listing tests create; remote backends may lower it. */
  protected int bulkKeyCount() {
    return 5_000;
  }

  /** Cuts the store off (e.g. removes the directory); return false if not supported. */
  protected boolean makeUnreachable() throws Exception {
    return false;
  }

  /** Undoes {@link #makeUnreachable()}. */
  protected void makeReachable() throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** A realistic stored value: an encoded key version. */
  public static byte[] value(int seed) {
    byte[] k = new byte[32];
    byte[] h = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (seed + i);
      h[i] = (byte) (seed * 7 + i);
    }
    return KeyVersionCodec.encode(KeyVersion.of(SecretKey.of(KeyType.AES256, k), HmacKey.of(h),
        Instant.parse("2025-01-02T03:04:05Z"), "creator"));
  }

  @Test
  void createThenGetReturnsTheSameBytes() throws Exception {
    store.create("my-key", value(1));
    assertThat(store.get("my-key")).isEqualTo(value(1));
  }

  @Test
  void createOfAnExistingNameFailsAndKeepsTheOriginal() throws Exception {
    store.create("my-key", value(1));
    assertThatThrownBy(() -> store.create("my-key", value(2)))
        .isInstanceOf(KeyStoreException.KeyExists.class);
    assertThat(store.get("my-key")).isEqualTo(value(1));
  }

  @Test
  void getOfAMissingNameIsNotFound() {
    assertThatThrownBy(() -> store.get("missing")).isInstanceOf(KeyStoreException.KeyNotFound.class);
  }

  @Test
  void deleteRemovesTheKey() throws Exception {
    store.create("k", value(1));
    store.delete("k");
    assertThatThrownBy(() -> store.get("k")).isInstanceOf(KeyStoreException.KeyNotFound.class);
    assertThat(store.listAll("")).doesNotContain("k");
    store.create("k", value(2)); // the name is free again
    assertThat(store.get("k")).isEqualTo(value(2));
  }

  @Test
  void deleteOfAMissingName() throws Exception {
    if (store.reportsMissingOnDelete()) {
      assertThatThrownBy(() -> store.delete("missing")).isInstanceOf(KeyStoreException.KeyNotFound.class);
    } else {
      store.delete("missing"); // must not throw
    }
  }

  @Test
  void valuesAreCopies() throws Exception {
    byte[] v = value(1);
    store.create("k", v);
    v[0] ^= 1;
    byte[] got = store.get("k");
    got[1] ^= 1;
    assertThat(store.get("k")).isEqualTo(value(1));
  }

  @Test
  void namesUseTheWholeKesAlphabet() throws Exception {
    List<String> names = List.of("a", "A-b_c", "_", "__", "0-Z", "x".repeat(80), "my_key-0");
    for (String n : names) {
      if (n.equals("_")) {
        continue; // not a valid KES name
      }
      store.create(n, value(n.length()));
    }
    for (String n : names) {
      if (!n.equals("_")) {
        assertThat(store.get(n)).isEqualTo(value(n.length()));
      }
    }
  }

  @Test
  void emptyStoreListsNothing() throws Exception {
    assertThat(store.list("", null, 10).names()).isEmpty();
    assertThat(store.list("", null, 10).continuation()).isEmpty();
    assertThat(store.listAll("x")).isEmpty();
  }

  @Test
  void listFiltersByPrefixAndSorts() throws Exception {
    for (String n : List.of("b-2", "a-1", "b-1", "c", "b")) {
      store.create(n, value(1));
    }
    assertThat(store.listAll("")).containsExactly("a-1", "b", "b-1", "b-2", "c");
    assertThat(store.listAll("b")).containsExactly("b", "b-1", "b-2");
    assertThat(store.listAll("b-")).containsExactly("b-1", "b-2");
    assertThat(store.listAll("d")).isEmpty();
  }

  @Test
  void continuationIsNotAPrefix() throws Exception {
    // Real KES's SDK sends the continuation as a prefix and loses keys; ours must not.
    for (String n : List.of("a1", "a2", "b1", "b2", "c1")) {
      store.create(n, value(1));
    }
    ListPage first = store.list("", null, 2);
    assertThat(first.names()).containsExactly("a1", "a2");
    assertThat(first.continuation()).isPresent();
    ListPage second = store.list("", first.next(), 2);
    assertThat(second.names()).containsExactly("b1", "b2");
    ListPage third = store.list("", second.next(), 2);
    assertThat(third.names()).containsExactly("c1");
    assertThat(third.continuation()).isEmpty();
  }

  @Test
  void listsThousandsOfKeysCompletelyWithPrefixAndContinuation() throws Exception {
    int n = bulkKeyCount();
    Set<String> expected = new HashSet<>();
    Set<String> expectedWithPrefix = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String name = (i % 3 == 0 ? "tenant-a-" : "key-") + i;
      store.create(name, value(i));
      expected.add(name);
      if (name.startsWith("tenant-a-")) {
        expectedWithPrefix.add(name);
      }
    }
    for (int pageSize : new int[] {1000, 333}) {
      List<String> all = new ArrayList<>();
      String after = null;
      int pages = 0;
      do {
        ListPage page = store.list("", after, pageSize);
        assertThat(page.names().size()).isLessThanOrEqualTo(pageSize);
        all.addAll(page.names());
        after = page.next();
        pages++;
      } while (after != null);
      assertThat(pages).isGreaterThan(1);
      assertThat(all).doesNotHaveDuplicates().isSorted();
      assertThat(new HashSet<>(all)).isEqualTo(expected);
    }
    List<String> prefixed = store.listAll("tenant-a-");
    assertThat(prefixed).doesNotHaveDuplicates().isSorted();
    assertThat(new HashSet<>(prefixed)).isEqualTo(expectedWithPrefix);
  }

  @Test
  void concurrentCreatesOfOneNameHaveExactlyOneWinner() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        String name = "race-" + round;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger exists = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        int[] winner = {-1};
        for (int t = 0; t < threads; t++) {
          int id = t;
          futures.add(pool.submit(() -> {
            start.await();
            try {
              store.create(name, value(id));
              wins.incrementAndGet();
              winner[0] = id;
            } catch (KeyStoreException.KeyExists e) {
              exists.incrementAndGet();
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get();
        }
        assertThat(wins.get()).as("winners of %s", name).isEqualTo(1);
        assertThat(exists.get()).isEqualTo(threads - 1);
        assertThat(store.get(name)).isEqualTo(value(winner[0]));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void statusReportsALatency() throws Exception {
    Duration d = store.status();
    assertThat(d.isNegative()).isFalse();
    assertThat(store.description()).isNotBlank();
  }

  @Test
  void unreachableStoreFailsTypedAndRecovers() throws Exception {
    store.create("k", value(1));
    assumeTrue(makeUnreachable(), "this backend cannot simulate an outage");
    try {
      assertThatThrownBy(() -> store.status()).isInstanceOf(KeyStoreException.Unreachable.class);
      assertThatThrownBy(() -> store.get("k")).isInstanceOf(KeyStoreException.class)
          .isNotInstanceOf(KeyStoreException.KeyNotFound.class);
      assertThatThrownBy(() -> store.create("k2", value(2))).isInstanceOf(KeyStoreException.class)
          .isNotInstanceOf(KeyStoreException.KeyExists.class);
      assertThatThrownBy(() -> store.list("", null, 10)).isInstanceOf(KeyStoreException.class);
    } finally {
      makeReachable();
    }
    store.status();
    assertThat(store.get("k")).isEqualTo(value(1));
  }

  protected static String text(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }
}
