package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkes.client.FakeKesServer.Request;
import org.openkes.client.FakeKesServer.Response;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.identity.Identity;

/**
 * Every route against a scripted server: what goes on the wire (method, path, body, headers, as
 * the SDK sends them) and how the answer is read. The same routes run against the real KES in
 * the interop module.
 */
class KesClientRoutesTest {
  /** The transport under test; subclasses run every test over the other one. */
  Transport transport() {
    return Transport.HTTP_CLIENT;
  }

  private static final String ADMIN = "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22";

  private FakeKesServer server;
  private KesClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeKesServer.start();
    client = TestKeys.client(transport(), server, new TestKeys.RecordingSleeper()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Request only() {
    assertThat(server.requests()).hasSize(1);
    return server.lastRequest();
  }

  @Test
  void theServerSeesTheApiKeysIdentity() throws Exception {
    server.respond(Response.json(200, "{\"version\":\"v\"}"));
    client.version();
    assertThat(only().clientIdentity()).isEqualTo(TestKeys.API_KEY.identity());
    assertThat(client.identity()).isEqualTo(Identity.of("0426fa9a04bc2756b92fbe8a97e1a1e07b53ecf04ed33da22c33e5c9faeb8cbb"));
  }

  @Test
  void version() throws Exception {
    server.respond(Response.json(200, "{\"version\":\"2025-03-12T09-35-18Z\",\"commit\":\"63649d0\"}\n"));
    assertThat(client.version()).isEqualTo(new ServerVersion("2025-03-12T09-35-18Z", "63649d0"));
    assertThat(only().method()).isEqualTo("GET");
    assertThat(only().rawPath()).isEqualTo("/version");
  }

  @Test
  void readyIsTrueOn200AndAnErrorOtherwise() throws Exception {
    server.respond(Response.empty(200));
    assertThat(client.isReady()).isTrue();
    server.respond(Response.error(504, "key store is not reachable"));
    assertThatThrownBy(client::isReady).isInstanceOf(ApiException.class)
        .hasMessage("key store is not reachable")
        .extracting(e -> ((ApiException) e).status()).isEqualTo(504);
  }

  @Test
  void statusReadsKesUnits() throws Exception {
    server.respond(Response.json(200, "{\"version\":\"v\",\"os\":\"linux\",\"arch\":\"amd64\",\"uptime\":61,"
        + "\"num_cpu\":8,\"num_cpu_used\":4,\"mem_heap_used\":1024,\"mem_stack_used\":2048,\"keystore_latency\":3}"));
    Status s = client.status();
    assertThat(s).isEqualTo(new Status("v", "linux", "amd64", Duration.ofSeconds(61), 8, 4, 1024, 2048,
        Duration.ofMillis(3), true, true));
  }

  @Test
  void statusWithAnUnreachableKeystoreIsReadNotRejected() throws Exception {
    server.respond(Response.json(200, "{\"version\":\"v\",\"uptime\":1,\"keystore_unreachable\":true}"));
    Status s = client.status();
    assertThat(s.keystoreReachable()).isFalse();
    assertThat(s.keystoreAvailable()).isTrue(); // KES never sends keystore_unavailable
    assertThat(s.keystoreLatency()).isZero();
  }

  @Test
  void apis() throws Exception {
    server.respond(Response.json(200, "[{\"method\":\"PUT\",\"path\":\"/v1/key/create/\",\"timeout\":15},"
        + "{\"method\":\"GET\",\"path\":\"/v1/log/audit\",\"max_body\":0,\"timeout\":0},"
        + "{\"method\":\"PUT\",\"path\":\"/v1/key/encrypt/\",\"max_body\":1000000,\"timeout\":15}]"));
    assertThat(client.apis()).containsExactly(
        new ApiRoute("PUT", "/v1/key/create/", 0, Duration.ofSeconds(15)),
        new ApiRoute("GET", "/v1/log/audit", 0, Duration.ZERO),
        new ApiRoute("PUT", "/v1/key/encrypt/", 1_000_000, Duration.ofSeconds(15)));
  }

  @Test
  void metricsAskForTheTextFormat() throws Exception {
    server.respond(new Response(200, java.util.Map.of("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
        "# TYPE kes_system_num_cpu gauge\nkes_system_num_cpu 4\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.metrics().cpus()).isEqualTo(4);
    assertThat(only().accept()).isEqualTo("text/plain; version=0.0.4");
    server.respond(new Response(200, java.util.Map.of("Content-Type", "application/vnd.google.protobuf"), new byte[] {1}));
    assertThatThrownBy(client::metrics).isInstanceOf(ResponseFormatException.class)
        .hasMessageContaining("not the Prometheus text format");
  }

  @Test
  void createKeyPostsWithoutBody() throws Exception {
    server.respond(Response.empty(200));
    client.createKey("my-key");
    Request r = only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/v1/key/create/my-key");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void createKeyThatExists() {
    server.respond(Response.error(400, "key already exists"));
    assertThatThrownBy(() -> client.createKey("k")).isInstanceOf(KeyExistsException.class);
  }

  @Test
  void namesAreEscapedLikeTheSdk() throws Exception {
    server.respond(Response.error(400, "key name 'a b' is empty, too long or contains invalid characters"));
    assertThatThrownBy(() -> client.createKey("a b")).isInstanceOf(ApiException.class);
    assertThat(only().rawPath()).isEqualTo("/v1/key/create/a%20b");
  }

  @Test
  void importKeySendsKeyAndCipher() throws Exception {
    server.respond(Response.empty(200));
    byte[] key = new byte[32];
    client.importKey("k", KeyType.CHACHA20, key);
    Request r = only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/v1/key/import/k");
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.bodyText()).isEqualTo("{\"key\":\"" + Base64.getEncoder().encodeToString(key) + "\",\"cipher\":\"ChaCha20\"}");
  }

  @Test
  void describeKey() throws Exception {
    server.respond(Response.json(200, "{\"name\":\"k\",\"algorithm\":\"ChaCha20\",\"created_at\":\"2024-01-12T10:39:20.886816Z\",\"created_by\":\"" + ADMIN + "\"}"));
    assertThat(client.describeKey("k")).isEqualTo(new KeyInfo("k", KeyType.CHACHA20,
        Instant.parse("2024-01-12T10:39:20.886816Z"), Identity.of(ADMIN)));
    assertThat(only().rawPath()).isEqualTo("/v1/key/describe/k");
  }

  @Test
  void describeKeyAlgorithmsAsTheSdkReadsThem() throws Exception {
    server.respond(Response.json(200, "{\"name\":\"k\",\"created_at\":\"0001-01-01T00:00:00Z\"}"));
    KeyInfo legacy = client.describeKey("k");
    assertThat(legacy.algorithm()).isEqualTo(KeyType.AES256); // missing: the zero value
    assertThat(legacy.createdBy()).isEqualTo(Identity.UNKNOWN);
    server.respond(Response.json(200, "{\"name\":\"k\",\"algorithm\":\"XCHACHA20-POLY1305\"}"));
    assertThat(client.describeKey("k").algorithm()).isEqualTo(KeyType.CHACHA20);
    server.respond(Response.json(200, "{\"name\":\"k\",\"algorithm\":\"DES\"}"));
    assertThatThrownBy(() -> client.describeKey("k")).isInstanceOf(ResponseFormatException.class)
        .hasMessage("kes: invalid key algorithm 'DES'");
  }

  @Test
  void describeMissingKey() {
    server.respond(Response.error(404, "key does not exist"));
    assertThatThrownBy(() -> client.describeKey("k")).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void deleteKey() throws Exception {
    server.respond(Response.empty(200));
    client.deleteKey("k");
    assertThat(only().method()).isEqualTo("DELETE");
    assertThat(only().rawPath()).isEqualTo("/v1/key/delete/k");
  }

  @Test
  void listKeys() throws Exception {
    server.respond(Response.json(200, "{\"names\":[\"a\",\"b\"],\"continue_at\":\"c\"}"));
    Page<String> p = client.listKeys("*");
    assertThat(p.items()).containsExactly("a", "b");
    assertThat(p.continueAt()).isEqualTo("c");
    assertThat(p.hasMore()).isTrue();
    assertThat(only().rawPath()).isEqualTo("/v1/key/list/%2A");
  }

  @Test
  void listKeysWithNullNames() throws Exception {
    server.respond(Response.json(200, "{\"names\":null}"));
    assertThat(client.listKeys("x").items()).isEmpty();
  }

  @Test
  void legacyNdjsonListingsAreRead() throws Exception {
    server.respond(new Response(200, java.util.Map.of("Content-Type", "application/x-ndjson"),
        "{\"name\":\"b\"}\n{\"name\":\"a\"}\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.listKeys("").items()).containsExactly("a", "b");
    server.respond(new Response(200, java.util.Map.of("Content-Type", "application/x-ndjson"),
        "{\"identity\":\"y\"}\n{\"identity\":\"x\"}\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(client.listIdentities("").items()).containsExactly(Identity.of("y"), Identity.of("x"));
    server.respond(new Response(200, java.util.Map.of("Content-Type", "application/x-ndjson"),
        "{\"name\":\"a\"}\n{\"error\":\"keystore down\"}\n".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> client.listPolicies("")).hasMessageContaining("failed: keystore down");
  }

  @Test
  void generateKeyOmitsAnEmptyContext() throws Exception {
    server.respond(Response.json(200, "{\"plaintext\":\"" + b64("p") + "\",\"ciphertext\":\"" + b64("c") + "\"}"));
    Dek dek = client.generateKey("k");
    assertThat(dek.plaintext()).isEqualTo("p".getBytes(StandardCharsets.UTF_8));
    assertThat(dek.ciphertext()).isEqualTo("c".getBytes(StandardCharsets.UTF_8));
    assertThat(dek.toString()).doesNotContain("cA==").contains("redacted");
    Request r = only();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.rawPath()).isEqualTo("/v1/key/generate/k");
    assertThat(r.bodyText()).isEqualTo("{}");
    assertThat(r.contentType()).isEqualTo("application/json");

    client.generateKey("k", "ctx".getBytes(StandardCharsets.UTF_8));
    assertThat(server.lastRequest().bodyText()).isEqualTo("{\"context\":\"" + b64("ctx") + "\"}");
  }

  @Test
  void encryptAndDecrypt() throws Exception {
    server.respond(Response.json(200, "{\"ciphertext\":\"" + b64("sealed") + "\"}"));
    assertThat(client.encrypt("k", "hi".getBytes(StandardCharsets.UTF_8))).isEqualTo("sealed".getBytes(StandardCharsets.UTF_8));
    assertThat(server.lastRequest().bodyText()).isEqualTo("{\"plaintext\":\"" + b64("hi") + "\"}");
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/key/encrypt/k");

    server.respond(Response.json(200, "{\"plaintext\":\"" + b64("hi") + "\"}"));
    byte[] p = client.decrypt("k", "sealed".getBytes(StandardCharsets.UTF_8), "ctx".getBytes(StandardCharsets.UTF_8));
    assertThat(p).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    assertThat(server.lastRequest().bodyText())
        .isEqualTo("{\"ciphertext\":\"" + b64("sealed") + "\",\"context\":\"" + b64("ctx") + "\"}");
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/key/decrypt/k");
  }

  @Test
  void decryptFailure() {
    server.respond(Response.error(400, "decryption failed: ciphertext is not authentic"));
    assertThatThrownBy(() -> client.decrypt("k", new byte[50])).isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void hmacUsesPutWithoutContentType() throws Exception {
    server.respond(Response.json(200, "{\"hmac\":\"" + b64("mac") + "\"}"));
    assertThat(client.hmac("k", "msg".getBytes(StandardCharsets.UTF_8))).isEqualTo("mac".getBytes(StandardCharsets.UTF_8));
    Request r = only();
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.rawPath()).isEqualTo("/v1/key/hmac/k");
    assertThat(r.contentType()).isNull();
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"" + b64("msg") + "\"}");
  }

  @Test
  void hmacResponsesAreLimitedLikeTheSdk() {
    server.respond(Response.json(200, "{\"hmac\":\"" + "A".repeat(1000) + "\"}"));
    assertThatThrownBy(() -> client.hmac("k", new byte[0])).isInstanceOf(ResponseFormatException.class)
        .hasMessageContaining("is larger than 1000 bytes");
  }

  @Test
  void policies() throws Exception {
    server.respond(Response.json(200, "{\"name\":\"p\",\"created_at\":\"2025-05-27T12:00:00+02:00\",\"created_by\":\"" + ADMIN + "\"}"));
    assertThat(client.describePolicy("p")).isEqualTo(new PolicyInfo("p", Instant.parse("2025-05-27T10:00:00Z"), Identity.of(ADMIN)));
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/policy/describe/p");

    server.respond(Response.json(200, "{\"name\":\"p\",\"allow\":{\"/v1/key/create/*\":{},\"/v1/status\":{}},"
        + "\"created_at\":\"2025-05-27T12:00:00Z\",\"created_by\":\"" + ADMIN + "\"}"));
    PolicyDetails d = client.readPolicy("p");
    assertThat(d.name()).isEqualTo("p");
    assertThat(d.policy().allow()).containsExactly("/v1/key/create/*", "/v1/status");
    assertThat(d.policy().deny()).isEmpty();
    assertThat(d.policy().allows("/v1/key/create/x")).isTrue();
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/policy/read/p");

    server.respond(Response.json(200, "{\"names\":[\"p\"],\"continue_at\":\"\"}"));
    assertThat(client.listPolicies("p*").items()).containsExactly("p");
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/policy/list/p%2A");

    server.respond(Response.error(404, "policy does not exist"));
    assertThatThrownBy(() -> client.readPolicy("q")).isInstanceOf(PolicyNotFoundException.class);
  }

  @Test
  void identities() throws Exception {
    server.respond(Response.json(200, "{\"policy\":\"p\",\"created_at\":\"2025-05-27T12:00:00Z\",\"created_by\":\"" + ADMIN + "\"}"));
    Identity id = Identity.of("abc");
    assertThat(client.describeIdentity(id))
        .isEqualTo(new IdentityInfo(id, false, "p", Instant.parse("2025-05-27T12:00:00Z"), Identity.of(ADMIN)));
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/identity/describe/abc");

    server.respond(Response.json(200, "{\"identities\":[\"" + ADMIN + "\"],\"continue_at\":\"\"}"));
    assertThat(client.listIdentities("").items()).containsExactly(Identity.of(ADMIN));
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/identity/list");

    server.respond(Response.error(404, "identity does not exist"));
    assertThatThrownBy(() -> client.describeIdentity(id)).isInstanceOf(IdentityNotFoundException.class);
  }

  @Test
  void selfDescribeInTheSdksFlatShapeAndKesNestedOne() throws Exception {
    server.respond(Response.json(200, "{\"identity\":\"abc\",\"policy\":\"p\",\"allow\":{\"/v1/status\":{}},"
        + "\"deny\":{\"/v1/key/delete/*\":{}},\"created_at\":\"2025-05-27T12:00:00Z\",\"created_by\":\"" + ADMIN + "\"}"));
    SelfDescription flat = client.describeSelf();
    assertThat(flat.info().policy()).isEqualTo("p");
    assertThat(flat.allow()).containsExactly("/v1/status");
    assertThat(flat.deny()).containsExactly("/v1/key/delete/*");
    assertThat(server.lastRequest().rawPath()).isEqualTo("/v1/identity/self/describe");

    server.respond(Response.json(200, "{\"identity\":\"abc\",\"policy\":{\"name\":\"p\",\"allow\":{\"/v1/status\":{}}},"
        + "\"created_at\":\"2025-05-27T12:00:00Z\"}"));
    SelfDescription nested = client.describeSelf();
    assertThat(nested.info().policy()).isEqualTo("p");
    assertThat(nested.allow()).containsExactly("/v1/status");

    server.respond(Response.json(200, "{\"identity\":\"" + ADMIN + "\",\"admin\":true,\"created_at\":\"2025-05-27T12:00:00Z\"}"));
    SelfDescription admin = client.describeSelf();
    assertThat(admin.info().admin()).isTrue();
    assertThat(admin.info().identity()).isEqualTo(Identity.of(ADMIN));
    assertThat(admin.allow()).isEmpty();
  }

  @Test
  void anUnexpectedSuccessStatusIsNotTakenForSuccess() {
    server.respond(Response.empty(204));
    assertThatThrownBy(() -> client.createKey("k")).isInstanceOf(ResponseFormatException.class)
        .hasMessageContaining("unexpected status 204");
  }

  @Test
  void theMuxsPlainTextNotFoundIsAnApiError() {
    server.respond(Response.text(404, "404 page not found\n"));
    assertThatThrownBy(() -> client.describeKey("k")).isExactlyInstanceOf(ApiException.class)
        .hasMessage("404 page not found");
  }

  @Test
  void requestsCarryNoUnexpectedHeaders() throws Exception {
    server.respond(Response.empty(200));
    client.deleteKey("k");
    assertThat(only().contentType()).isNull();
    assertThat(only().accept()).isNull();
    assertThat(List.of(only().method())).containsExactly("DELETE");
  }
}
