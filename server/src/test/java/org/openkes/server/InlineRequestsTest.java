package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.keystore.ListPage;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.keystore.mem.InMemoryKeyStore;

/**
 * Key operations whose key is cached are answered on Jetty's I/O threads (KesHandler), over
 * HTTP/1 and HTTP/2; these tests hold the rules that keep that safe: the keystore is only ever
 * read on a virtual thread, a request that had to move there is counted once, a body still on
 * its way is read whole (gathered without blocking), and the streams of one HTTP/2 connection
 * all get their own answers.
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
    // Uncached, then cached; the head alone first, then with the body's first bytes (gathered
    // on the I/O thread as they arrive; the uncached key is then read on a virtual thread).
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
  void anHttp2BodyArrivingInPiecesIsReadWholeForCachedAndUncachedKeys() throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.HTTP_2, "TLSv1.3");
    assertThat(c.post("/v1/key/create/h2-pieces", "").status()).isEqualTo(200);
    String body = "{\"plaintext\":\"aGVsbG8gd29ybGQ=\",\"context\":\"Y3R4\"}";
    for (int round = 0; round < 2; round++) { // uncached, then cached
      assertThat(server.server.keyCache().isCached("h2-pieces")).isEqualTo(round == 1);
      HttpRequest request = HttpRequest.newBuilder(c.uri("/v1/key/encrypt/h2-pieces"))
          .POST(HttpRequest.BodyPublishers.fromPublisher(
              new SlowPublisher(body.substring(0, 7), body.substring(7, 20), body.substring(20))))
          .timeout(Duration.ofSeconds(30)).build();
      TestClient.Reply r = c.send(HttpRequest.newBuilder(request, (n, v) -> true));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      TestClient.Reply back = c.post("/v1/key/decrypt/h2-pieces",
          "{\"ciphertext\":\"" + KeyApiTest.field(r.body(), "ciphertext")
              + "\",\"context\":\"Y3R4\"}");
      assertThat(KeyApiTest.field(back.body(), "plaintext")).isEqualTo("aGVsbG8gd29ybGQ=");
    }
  }

  @Test
  void everyStreamOfOneHttp2ConnectionGetsItsOwnAnswer() throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.HTTP_2, "TLSv1.3");
    assertThat(c.post("/v1/key/create/streams", "").status()).isEqualTo(200);
    assertThat(c.post("/v1/key/generate/streams", "{}").status()).isEqualTo(200); // cached now
    // 200 encryptions at once over one connection (Go allows 250 streams at a time, so do we;
    // the JDK's client fails a request beyond the server's limit), each of its own plaintext:
    // each answer must decrypt to its own request's plaintext.
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String plaintext = Base64.getEncoder().encodeToString(("message " + i).getBytes());
      String context = Base64.getEncoder().encodeToString(("context " + i).getBytes());
      answers.add(c.http().sendAsync(HttpRequest.newBuilder(c.uri("/v1/key/encrypt/streams"))
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"plaintext\":\"" + plaintext + "\",\"context\":\"" + context + "\"}"))
              .timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> r = answers.get(i).get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      TestClient.Reply back = c.post("/v1/key/decrypt/streams",
          "{\"ciphertext\":\"" + KeyApiTest.field(r.body(), "ciphertext")
              + "\",\"context\":\""
              + Base64.getEncoder().encodeToString(("context " + i).getBytes()) + "\"}");
      assertThat(new String(Base64.getDecoder().decode(KeyApiTest.field(back.body(), "plaintext"))))
          .isEqualTo("message " + i);
    }
  }

  @Test
  void anHttp2StreamResetWhileItsBodyIsAwaitedLeavesNothingBehind() throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.HTTP_2, "TLSv1.3");
    assertThat(c.post("/v1/key/create/reset", "").status()).isEqualTo(200);
    assertThat(c.post("/v1/key/generate/reset", "{}").status()).isEqualTo(200); // cached now
    for (int i = 0; i < 20; i++) {
      // The first bytes of the body, then the client gives up on the request: RST_STREAM.
      CompletableFuture<HttpResponse<String>> pending = c.http().sendAsync(
          HttpRequest.newBuilder(c.uri("/v1/key/generate/reset"))
              .POST(HttpRequest.BodyPublishers.fromPublisher(
                  new SlowPublisher("{\"context\":", "\"Y3R4\"}", "never sent")))
              .timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(250);
      pending.cancel(true);
    }
    // The connection goes on, and no request is left counted as active.
    assertThat(c.post("/v1/key/generate/reset", "{}").status()).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    double active;
    do {
      active = MetricsTest.value(c.get("/v1/metrics").body(), "kes_http_request_active");
    } while (active != 0 && System.nanoTime() < deadline);
    assertThat(active).isZero();
  }

  /** A request body sent in parts, 200 ms apart (a slow HTTP/2 client: one DATA frame each). */
  private record SlowPublisher(String... parts) implements Flow.Publisher<ByteBuffer> {
    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      Semaphore demand = new Semaphore(0);
      AtomicBoolean cancelled = new AtomicBoolean();
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          demand.release((int) Math.min(n, 1000));
        }

        @Override
        public void cancel() {
          cancelled.set(true);
          demand.release();
        }
      });
      Thread.ofVirtual().start(() -> {
        try {
          for (String part : parts) {
            demand.acquire();
            Thread.sleep(200);
            if (cancelled.get()) {
              return;
            }
            subscriber.onNext(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
          }
          subscriber.onComplete();
        } catch (InterruptedException e) {
          subscriber.onError(e);
        }
      });
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
