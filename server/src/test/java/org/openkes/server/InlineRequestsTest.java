package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.keystore.mem.InMemoryKeyStore;

/**
 * Key operations whose key is cached are answered on Jetty's I/O threads (KesHandler); these
 * tests hold the rules that keep that safe: the keystore is only ever read on a virtual thread,
 * a request that had to move there is counted once, and a body still on its way is read whole.
 */
class InlineRequestsTest {
  /** Records, for each read, whether it ran on a virtual thread. */
  static final class ThreadRecordingKeyStore implements org.openkes.core.keystore.KeyStore {
    final InMemoryKeyStore store = new InMemoryKeyStore();
    final List<String> readers = new CopyOnWriteArrayList<>();

    @Override
    public void create(String name, byte[] value) throws KeyStoreException {
      store.create(name, value);
    }

    @Override
    public byte[] get(String name) throws KeyStoreException {
      readers.add(Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName());
      return store.get(name);
    }

    @Override
    public void delete(String name) throws KeyStoreException {
      store.delete(name);
    }

    @Override
    public ListPage list(String prefix, String continueAfter, int limit) {
      return store.list(prefix, continueAfter, limit);
    }

    @Override
    public Duration status() {
      return store.status();
    }

    @Override
    public String description() {
      return "thread-recording in-memory keystore (test double)";
    }

    @Override
    public void close() {}
  }

  static final ThreadRecordingKeyStore store = new ThreadRecordingKeyStore();
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder().keystore(store).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theKeystoreIsReadOnVirtualThreadsOnlyOverBothProtocols() throws Exception {
    int before = store.readers.size();
    for (HttpClient.Version v : List.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)) {
      TestClient c = server.client(server.admin, v, "TLSv1.3");
      String[] ops = {"generate", "encrypt", "hmac", "describe"};
      for (String op : ops) {
        String key = op + "-" + v;
        assertThat(c.post("/v1/key/create/" + key, "").status()).isEqualTo(200);
        assertThat(server.server.keyCache().isCached(key)).isFalse();
        for (int i = 0; i < 3; i++) { // the first from the keystore, the others from the cache
          TestClient.Reply r = switch (op) {
            case "generate" -> c.post("/v1/key/generate/" + key, "{}");
            case "encrypt" -> c.post("/v1/key/encrypt/" + key, "{\"plaintext\":\"aGVsbG8=\"}");
            case "hmac" -> c.post("/v1/key/hmac/" + key, "{\"message\":\"aGVsbG8=\"}");
            default -> c.get("/v1/key/describe/" + key);
          };
          assertThat(r.status()).as(op + " over " + v + ": " + r.body()).isEqualTo(200);
        }
        assertThat(server.server.keyCache().isCached(key)).isTrue();
      }
    }
    assertThat(store.readers.subList(before, store.readers.size()))
        .hasSize(8).containsOnly("virtual");
  }

  @Test
  void aDecryptThatHadToWaitForItsKeyAnswersOnceAndIsCountedOnce() throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.HTTP_1_1, "TLSv1.3");
    assertThat(c.post("/v1/key/create/counted", "").status()).isEqualTo(200);
    String ct = KeyApiTest.field(c.post("/v1/key/encrypt/counted",
        "{\"plaintext\":\"aGVsbG8=\",\"context\":\"Y3R4\"}").body(), "ciphertext");
    server.ticker.advance(ServerConfig.Cache.DEFAULT_ANY.plusSeconds(1)); // the cache expires
    assertThat(server.server.keyCache().isCached("counted")).isFalse(); // the decrypt must wait
    double before = success(c);
    TestClient.Reply r = c.post("/v1/key/decrypt/counted",
        "{\"ciphertext\":\"" + ct + "\",\"context\":\"Y3R4\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(KeyApiTest.field(r.body(), "plaintext")).isEqualTo("aGVsbG8=");
    assertThat(success(c) - before).isEqualTo(1); // /v1/metrics is not counted
    assertThat(MetricsTest.value(c.get("/v1/metrics").body(), "kes_http_request_active"))
        .isZero();
  }

  private static double success(TestClient c) throws Exception {
    return MetricsTest.value(c.get("/v1/metrics").body(), "kes_http_request_success{code=\"200\"}");
  }

  @Test
  void aBodyArrivingInPiecesIsReadWholeForCachedAndUncachedKeys() throws Exception {
    TestClient c = server.adminClient();
    assertThat(c.post("/v1/key/create/pieces", "").status()).isEqualTo(200);
    String body = "{\"plaintext\":\"aGVsbG8gd29ybGQ=\",\"context\":\"Y3R4\"}";
    String head = "POST /v1/key/encrypt/pieces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n";
    // Uncached, then cached; the head alone first, then with the body's first bytes (read
    // ahead on the I/O thread, then read again where the request may wait).
    for (String first : List.of(head, head, head + body.substring(0, 10), head + body.substring(0, 10))) {
      String rest = body.substring(first.length() - head.length());
      String reply = slowly(first, rest.substring(0, 5), rest.substring(5));
      assertThat(RawHttps.status(reply)).as(reply).isEqualTo(200);
      String ct = KeyApiTest.field(RawHttps.body(reply), "ciphertext");
      TestClient.Reply back = c.post("/v1/key/decrypt/pieces",
          "{\"ciphertext\":\"" + ct + "\",\"context\":\"Y3R4\"}");
      assertThat(KeyApiTest.field(back.body(), "plaintext")).isEqualTo("aGVsbG8gd29ybGQ=");
    }
  }

  @Test
  void aBodyOverTheLimitStillEndsTheConnectionWhenTheKeyIsCached() throws Exception {
    TestClient c = server.adminClient();
    assertThat(c.post("/v1/key/create/limit", "").status()).isEqualTo(200);
    assertThat(c.post("/v1/key/generate/limit", "{}").status()).isEqualTo(200); // cached now
    String big = "{\"context\":\"" + "A".repeat(1_000_000) + "\"}";
    String reply = slowly("POST /v1/key/generate/limit HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Length: " + big.length() + "\r\n\r\n", big, "");
    assertThat(RawHttps.status(reply)).as(reply).isEqualTo(400);
    assertThat(RawHttps.header(reply, "Connection")).isEqualTo("close");
  }

  /**
   * Sends the head, then each part after a pause (a slow client); returns the whole reply. The
   * server ends the connection after it (Connection: close, or a body over the limit).
   */
  private static String slowly(String head, String... parts) throws Exception {
    try (SSLSocket socket = RawHttps.connect(server, server.admin)) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.flush();
      for (String part : parts) {
        Thread.sleep(200);
        out.write(part.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      return RawHttps.readAll(socket); // both requests end with the connection
    }
  }
}
