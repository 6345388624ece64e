package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openkes.core.keystore.FaultyKeyStore;
import org.openkes.core.keystore.mem.InMemoryKeyStore;

/** A graceful stop lets requests in flight finish (SIGTERM/SIGINT, kes-compat.md §4.9). */
class ShutdownTest {
  @Test
  void requestsInFlightFinishAndNewOnesAreRefused() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FaultyKeyStore store = new FaultyKeyStore(new InMemoryKeyStore(), "slow")
        .withFault((op, name) -> {
          if (op.equals("create") && name.equals("slow")) {
            entered.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return null;
        });
    TestServer s = TestServer.builder().keystore(store).start();
    TestClient c = s.adminClient();
    TestClient late = s.adminClient(); // a fresh connection, made after the stop
    CompletableFuture<TestClient.Reply> inFlight = CompletableFuture.supplyAsync(() -> {
      try {
        return c.post("/v1/key/create/slow", "");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopped = CompletableFuture.runAsync(s::close);
    Thread.sleep(200); // the stop is under way while the create still waits on the keystore
    assertThat(stopped).isNotDone();
    release.countDown();
    TestClient.Reply r = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(200);
    stopped.get(30, TimeUnit.SECONDS);
    assertThat(store.get("slow")).isNotEmpty();
    assertThatThrownBy(() -> late.get("/version")).isInstanceOf(IOException.class);
  }
}
