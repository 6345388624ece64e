package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.client.ApiException;
import org.openkes.client.ApiRoute;
import org.openkes.client.Credentials;
import org.openkes.client.DecryptionFailedException;
import org.openkes.client.Dek;
import org.openkes.client.ErrorEvent;
import org.openkes.client.IdentityInfo;
import org.openkes.client.IdentityNotFoundException;
import org.openkes.client.KesClient;
import org.openkes.client.KeyExistsException;
import org.openkes.client.KeyInfo;
import org.openkes.client.KeyNotFoundException;
import org.openkes.client.LogStream;
import org.openkes.client.Metrics;
import org.openkes.client.NotAllowedException;
import org.openkes.client.PolicyDetails;
import org.openkes.client.PolicyNotFoundException;
import org.openkes.client.ServerTrust;
import org.openkes.client.Status;
import org.openkes.client.Transport;
import org.openkes.client.TransportException;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;

/**
 * Every route of our client against the real KES v0.24.0: successes, and errors with their
 * exact status and message surfacing as the right typed exception. One server for the class; the
 * admin uses an API key, an application identity has a policy, a third identity has none, and a
 * fourth authenticates with certificate and key files.
 */
@RequiresRealKes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAgainstRealKesTest {
  private static final List<String> APP_ALLOW = List.of("/v1/key/create/app-*", "/v1/key/generate/app-*",
      "/v1/key/describe/*", "/v1/log/audit", "/v1/identity/self/describe");
  private static final List<String> APP_DENY = List.of("/v1/key/generate/app-secret*");

  @TempDir static Path dir;
  private RealKesServer server;
  private final ApiKey admin = ApiKey.generate(new SecureRandom());
  private final ApiKey app = ApiKey.generate(new SecureRandom());
  private final ApiKey stranger = ApiKey.generate(new SecureRandom());
  private Path filesCert;
  private Path filesKey;
  private Identity filesIdentity;
  private KesClient kes; // admin
  private KesClient appClient;

  @BeforeAll
  void start() throws Exception {
    KesBinary binary = KesBinary.require();
    ClientCert files = ClientCert.ecP256("files");
    ClientCert.PemFiles pem = files.write(dir, "files");
    filesCert = pem.certificate();
    filesKey = pem.key();
    filesIdentity = Identity.ofCertificate(files.certificate());
    server = RealKesServer.builder(binary, dir.resolve("kes"))
        .admin(admin.identity())
        .policy("app", APP_ALLOW, APP_DENY, app.identity())
        .policy("files", List.of("/v1/key/create/files-*", "/v1/key/describe/files-*"), List.of(), filesIdentity)
        .start();
    kes = client(admin);
    appClient = client(app);
  }

  @AfterAll
  void stop() throws Exception {
    if (kes != null) {
      kes.close();
      appClient.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The transport under test; {@link ClientOverSocketsAgainstRealKesTest} runs all again. */
  Transport transport() {
    return Transport.HTTP_CLIENT;
  }

  private KesClient client(ApiKey key) {
    return builder(Credentials.apiKey(key)).build();
  }

  private KesClient.Builder builder(Credentials credentials) {
    return server.client(credentials).transport(transport());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // --- server routes -------------------------------------------------------------------------

  @Test
  void versionNeedsNoAuthorization() throws Exception {
    try (KesClient c = client(stranger)) {
      // install-kes.sh builds from the module proxy: no VCS information, so Go reports <unknown>
      assertThat(c.version().version()).isEqualTo("<unknown>");
      assertThat(c.version().commit()).isEqualTo("<unknown>");
    }
  }

  @Test
  void readyAndStatus() throws Exception {
    assertThat(kes.isReady()).isTrue();
    Status s = kes.status();
    assertThat(s.version()).isEqualTo("<unknown>");
    assertThat(s.os()).isEqualTo("linux");
    assertThat(s.keystoreReachable()).isTrue();
    assertThat(s.keystoreAvailable()).isTrue();
    assertThat(s.keystoreLatency()).isGreaterThanOrEqualTo(Duration.ofMillis(1)); // ms, minimum 1
    assertThat(s.usableCpus()).isBetween(1, s.cpus());
    assertThat(s.heapUsed()).isPositive();
  }

  @Test
  void readyAndStatusNeedAuthorization() throws Exception {
    try (KesClient c = client(stranger)) {
      assertThatThrownBy(c::isReady).isInstanceOf(NotAllowedException.class);
      assertThatThrownBy(c::status).isInstanceOf(NotAllowedException.class);
      assertThatThrownBy(c::apis).isInstanceOf(NotAllowedException.class);
      assertThatThrownBy(c::metrics).isInstanceOf(NotAllowedException.class);
    }
  }

  @Test
  void theRouteTableIsKesCompatSection14() throws Exception {
    Set<ApiRoute> expected = Set.of(
        route("GET", "/version", 0, 10), route("GET", "/v1/ready", 0, 15), route("GET", "/v1/status", 0, 15),
        route("GET", "/v1/metrics", 0, 15), route("GET", "/v1/api", 0, 10),
        route("PUT", "/v1/key/create/", 0, 15), route("PUT", "/v1/key/import/", 1_000_000, 15),
        route("GET", "/v1/key/describe/", 0, 15), route("GET", "/v1/key/list/", 0, 15),
        route("DELETE", "/v1/key/delete/", 0, 15), route("PUT", "/v1/key/generate/", 1_000_000, 15),
        route("PUT", "/v1/key/encrypt/", 1_000_000, 15), route("PUT", "/v1/key/decrypt/", 1_000_000, 15),
        route("PUT", "/v1/key/hmac/", 1_000_000, 15), route("GET", "/v1/policy/describe/", 0, 15),
        route("GET", "/v1/policy/read/", 0, 15), route("GET", "/v1/policy/list/", 0, 15),
        route("GET", "/v1/identity/describe/", 0, 15), route("GET", "/v1/identity/list/", 0, 15),
        route("GET", "/v1/identity/self/describe", 0, 15), route("GET", "/v1/log/error", 0, 0),
        route("GET", "/v1/log/audit", 0, 0));
    List<ApiRoute> routes = kes.apis();
    assertThat(routes).hasSize(22);
    assertThat(Set.copyOf(routes)).isEqualTo(expected);
  }

  private static ApiRoute route(String method, String path, long maxBody, long timeoutSeconds) {
    return new ApiRoute(method, path, maxBody, Duration.ofSeconds(timeoutSeconds));
  }

  @Test
  void metricsCountKeyRequestsByStatusClass() throws Exception {
    kes.createKey("metrics-1");
    Metrics before = kes.metrics();
    kes.describeKey("metrics-1");
    kes.describeKey("metrics-1");
    assertThatThrownBy(() -> kes.describeKey("metrics-missing")).isInstanceOf(KeyNotFoundException.class);
    kes.status(); // not a counted route
    Metrics after = kes.metrics();
    assertThat(after.requestOk() - before.requestOk()).isEqualTo(2);
    assertThat(after.requestErr() - before.requestErr()).isEqualTo(1);
    assertThat(after.requestFail()).isEqualTo(before.requestFail());
    assertThat(after.latencyHistogram()).containsOnlyKeys(
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(3),
        Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(after.latencyHistogram().get(Duration.ofSeconds(10))).isEqualTo(after.requests());
    assertThat(after.cpus()).isPositive();
  }

  // --- keys ----------------------------------------------------------------------------------

  @Test
  void createDescribeAndDelete() throws Exception {
    Instant before = Instant.now();
    kes.createKey("crud-1");
    Instant after = Instant.now();
    KeyInfo info = kes.describeKey("crud-1");
    assertThat(info.name()).isEqualTo("crud-1");
    assertThat(info.algorithm()).isEqualTo(KeyType.AES256); // AES-NI hosts; see KesCompat §5.5
    assertThat(info.createdBy()).isEqualTo(admin.identity());
    assertThat(info.createdAt()).isBetween(before.minusSeconds(1), after.plusSeconds(1));

    assertThatThrownBy(() -> kes.createKey("crud-1")).isInstanceOf(KeyExistsException.class)
        .hasMessage("key already exists");
    kes.deleteKey("crud-1");
    assertThatThrownBy(() -> kes.describeKey("crud-1")).isInstanceOf(KeyNotFoundException.class)
        .hasMessage("key does not exist");
    assertThatThrownBy(() -> kes.deleteKey("crud-1")).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void invalidNamesAreRejectedWithKesText() {
    assertThatThrownBy(() -> kes.createKey("my.key"))
        .isExactlyInstanceOf(ApiException.class)
        .hasMessage("key name 'my.key' is empty, too long or contains invalid characters")
        .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    assertThatThrownBy(() -> kes.describeKey("a".repeat(81)))
        .hasMessage("key name '" + "a".repeat(81) + "' is empty, too long or contains invalid characters");
    // A space is escaped on the wire (%20) and decoded by the server before validation.
    assertThatThrownBy(() -> kes.encrypt("a b", new byte[1]))
        .hasMessage("key name 'a b' is empty, too long or contains invalid characters");
  }

  @Test
  void importKeys() throws Exception {
    byte[] material = new byte[32];
    new SecureRandom().nextBytes(material);
    kes.importKey("imported-aes", KeyType.AES256, material);
    kes.importKey("imported-chacha", KeyType.CHACHA20, material);
    assertThat(kes.describeKey("imported-aes").algorithm()).isEqualTo(KeyType.AES256);
    assertThat(kes.describeKey("imported-chacha").algorithm()).isEqualTo(KeyType.CHACHA20);
    assertThatThrownBy(() -> kes.importKey("imported-aes", KeyType.AES256, material))
        .isInstanceOf(KeyExistsException.class);
    assertThatThrownBy(() -> kes.importKey("imported-short", KeyType.AES256, new byte[16]))
        .isExactlyInstanceOf(ApiException.class)
        .hasMessage("invalid key size for 'AES256'")
        .extracting(e -> ((ApiException) e).status()).isEqualTo(406);
  }

  @Test
  void listKeysByPrefix() throws Exception {
    for (String n : List.of("list-b", "list-a", "listing")) {
      kes.createKey(n);
    }
    assertThat(kes.listKeys("list").items()).containsExactly("list-a", "list-b", "listing");
    assertThat(kes.listKeys("list-a").items()).containsExactly("list-a");
    assertThat(kes.listKeys("*").items()).contains("list-a", "list-b", "listing").isSorted();
    // An empty prefix goes through the mux's trailing-slash redirect (307 with Go 1.26, 301 before).
    assertThat(kes.listKeys("").items()).isEqualTo(kes.listKeys("*").items());
    assertThat(kes.listKeys("").continueAt()).isEmpty();
    // Quirk Q1: real KES passes "list-*" literally as a prefix, so it finds nothing.
    assertThat(kes.listKeys("list-*").items()).isEmpty();
    assertThatThrownBy(() -> kes.listKeys("*-*"))
        .hasMessage("listing pattern '*-*' is empty, too long or is invalid");
    // validPattern: '-' must not end a pattern, so "list-" is not even a valid prefix.
    assertThatThrownBy(() -> kes.listKeys("list-"))
        .hasMessage("listing pattern 'list-' is empty, too long or is invalid");
  }

  @Test
  void generateAndDecryptWithContext() throws Exception {
    kes.createKey("dek-1");
    byte[] context = utf8("{\"MinIO\":\"bucket/object\"}");
    Dek dek = kes.generateKey("dek-1", context);
    assertThat(dek.plaintext()).hasSize(32);
    assertThat(dek.ciphertext()).hasSize(76);
    Secrets.assertSame("decrypted DEK", dek.plaintext(), kes.decrypt("dek-1", dek.ciphertext(), context));
    assertThatThrownBy(() -> kes.decrypt("dek-1", dek.ciphertext(), utf8("other")))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessage("decryption failed: ciphertext is not authentic");
    assertThatThrownBy(() -> kes.decrypt("dek-1", dek.ciphertext()))
        .isInstanceOf(DecryptionFailedException.class);
    Dek noContext = kes.generateKey("dek-1");
    Secrets.assertSame("decrypted DEK", noContext.plaintext(), kes.decrypt("dek-1", noContext.ciphertext()));
    assertThatThrownBy(() -> kes.generateKey("dek-missing")).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void encryptDecryptAndHmac() throws Exception {
    kes.createKey("enc-1");
    byte[] c = kes.encrypt("enc-1", utf8("Hello World"), utf8("ctx"));
    assertThat(c).hasSize(11 + 44);
    assertThat(kes.decrypt("enc-1", c, utf8("ctx"))).isEqualTo(utf8("Hello World"));
    assertThatThrownBy(() -> kes.decrypt("enc-1", new byte[28])).isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> kes.encrypt("enc-missing", new byte[1])).isInstanceOf(KeyNotFoundException.class);
    assertThatThrownBy(() -> kes.decrypt("enc-missing", c)).isInstanceOf(KeyNotFoundException.class);

    byte[] mac = kes.hmac("enc-1", utf8("message"));
    assertThat(mac).hasSize(32);
    Secrets.assertSame("HMAC is deterministic", mac, kes.hmac("enc-1", utf8("message")));
    Secrets.assertDifferent("HMACs of different messages", mac, kes.hmac("enc-1", utf8("other")));
    assertThatThrownBy(() -> kes.hmac("enc-missing", new byte[1])).isInstanceOf(KeyNotFoundException.class);
  }

  // --- policies and identities ---------------------------------------------------------------

  @Test
  void policies() throws Exception {
    assertThat(kes.describePolicy("app").createdBy()).isEqualTo(admin.identity());
    assertThat(kes.describePolicy("app").name()).isEqualTo("app");
    PolicyDetails p = kes.readPolicy("app");
    assertThat(p.policy().allow()).containsExactlyInAnyOrderElementsOf(APP_ALLOW);
    assertThat(p.policy().deny()).containsExactlyInAnyOrderElementsOf(APP_DENY);
    assertThat(p.createdBy()).isEqualTo(admin.identity());
    assertThat(p.createdAt()).isEqualTo(kes.describePolicy("app").createdAt());
    assertThat(kes.listPolicies("").items()).containsExactly("app", "files");
    assertThat(kes.listPolicies("*").items()).containsExactly("app", "files");
    assertThat(kes.listPolicies("ap*").items()).containsExactly("app"); // policy listings strip the *
    assertThat(kes.listPolicies("f").items()).containsExactly("files");
    assertThatThrownBy(() -> kes.describePolicy("nope")).isInstanceOf(PolicyNotFoundException.class)
        .hasMessage("policy does not exist");
    assertThatThrownBy(() -> kes.readPolicy("nope")).isInstanceOf(PolicyNotFoundException.class);
    assertThatThrownBy(() -> kes.readPolicy("a.b"))
        .hasMessage("policy name 'a.b' is empty, too long or contains invalid characters");
  }

  @Test
  void identities() throws Exception {
    IdentityInfo a = kes.describeIdentity(admin.identity());
    assertThat(a.admin()).isTrue();
    assertThat(a.policy()).isEmpty();
    IdentityInfo u = kes.describeIdentity(app.identity());
    assertThat(u.admin()).isFalse();
    assertThat(u.policy()).isEqualTo("app");
    assertThat(u.createdBy()).isEqualTo(admin.identity());
    assertThatThrownBy(() -> kes.describeIdentity(stranger.identity()))
        .isInstanceOf(IdentityNotFoundException.class).hasMessage("identity does not exist");
    assertThatThrownBy(() -> kes.describeIdentity(Identity.of("not.an.identity")))
        .hasMessage("identity 'not.an.identity' is empty, too long or contains invalid characters");

    List<Identity> all = kes.listIdentities("").items();
    assertThat(all).containsExactlyInAnyOrder(admin.identity(), app.identity(), filesIdentity);
    assertThat(all.stream().map(Identity::value).toList()).isSorted();
    String prefix = app.identity().value().substring(0, 6);
    assertThat(kes.listIdentities(prefix + "*").items()).contains(app.identity());
  }

  @Test
  void selfDescribeAnswersOnlyTheAdmin() throws Exception {
    var self = kes.describeSelf();
    assertThat(self.info().identity()).isEqualTo(admin.identity());
    assertThat(self.info().admin()).isTrue();
    // Quirk Q4: a policy identity, though allowed and known, gets 404 from real KES.
    assertThatThrownBy(appClient::describeSelf).isInstanceOf(IdentityNotFoundException.class);
    try (KesClient c = client(stranger)) {
      assertThatThrownBy(c::describeSelf).isInstanceOf(IdentityNotFoundException.class);
    }
  }

  @Test
  void policiesAllowAndDeny() throws Exception {
    appClient.createKey("app-1");
    assertThat(appClient.describeKey("app-1").createdBy()).isEqualTo(app.identity());
    appClient.generateKey("app-1");
    appClient.createKey("app-secret-1");
    assertThatThrownBy(() -> appClient.generateKey("app-secret-1")).isInstanceOf(NotAllowedException.class)
        .hasMessage("not authorized: insufficient permissions"); // deny wins
    assertThatThrownBy(() -> appClient.createKey("other-1")).isInstanceOf(NotAllowedException.class);
    assertThatThrownBy(() -> appClient.deleteKey("app-1")).isInstanceOf(NotAllowedException.class);
    assertThatThrownBy(() -> appClient.listKeys("")).isInstanceOf(NotAllowedException.class);
    try (KesClient c = client(stranger)) {
      assertThatThrownBy(() -> c.createKey("app-2")).isInstanceOf(NotAllowedException.class);
    }
  }

  // --- log streams ---------------------------------------------------------------------------

  @Test
  @Timeout(60) // a hang guard
  void logStreamsCanBeLeftThoughRealKesNeverAnswersThem() throws Exception {
    // Quirk Q3, worse than kes-compat.md says: KES v0.24 sends not even the response headers on
    // /v1/log/*, so a subscriber waits until it gives up. Our stream can be closed meanwhile.
    for (LogStream<?> s : List.of(kes.errorLog(), appClient.auditLog())) {
      Thread reader = Thread.currentThread();
      Thread closer = new Thread(() -> {
        while (reader.getState() == Thread.State.RUNNABLE) {
          Thread.onSpinWait();
        }
        s.close();
      });
      closer.start();
      assertThat(s.hasNext()).isFalse();
      closer.join();
    }
  }

  @Test
  void realKesAnswersNoHeadersOnTheLogRoutes() throws Exception {
    try (KesClient c = builder(Credentials.apiKey(admin)).callTimeout(Duration.ofSeconds(3)).build();
        LogStream<ErrorEvent> s = c.errorLog()) {
      assertThatThrownBy(s::awaitSubscription).isInstanceOfSatisfying(TransportException.class, e ->
          assertThat(e.reason()).isEqualTo(TransportException.Reason.TIMEOUT));
    }
  }

  @Test
  void logSubscriptionsNeedAuthorization() {
    try (LogStream<ErrorEvent> s = appClient.errorLog()) {
      assertThatThrownBy(s::awaitSubscription).isInstanceOf(NotAllowedException.class);
    }
  }

  // --- credentials, trust, endpoints ---------------------------------------------------------

  @Test
  void certificateAndKeyFiles() throws Exception {
    try (KesClient c = builder(Credentials.pemFiles(filesCert, filesKey, null)).build()) {
      assertThat(c.identity()).isEqualTo(filesIdentity);
      c.createKey("files-1");
      assertThat(c.describeKey("files-1").createdBy()).isEqualTo(filesIdentity);
      assertThatThrownBy(() -> c.createKey("app-3")).isInstanceOf(NotAllowedException.class);
    }
  }

  @Test
  void serverVerification() throws Exception {
    try (KesClient c = builder(Credentials.apiKey(admin)).serverTrust(ServerTrust.caFile(server.certificateFile())).build()) {
      assertThat(c.isReady()).isTrue();
    }
    try (KesClient c = builder(Credentials.apiKey(admin)).serverTrust(ServerTrust.insecure()).build()) {
      assertThat(c.isReady()).isTrue();
    }
    try (KesClient c = builder(Credentials.apiKey(admin)).serverTrust(ServerTrust.systemRoots()).build()) {
      assertThatThrownBy(c::isReady).isInstanceOfSatisfying(TransportException.class, e -> {
        assertThat(e.reason()).isEqualTo(TransportException.Reason.TLS_VERIFICATION);
        assertThat(e.endpoint()).isEqualTo(server.endpoint().uri());
      });
    }
  }

  @Test
  void endpointListsFailOverToTheLiveServer() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      dead = s.getLocalPort();
    }
    String list = "http://127.0.0.1:" + dead + " , " + server.endpoint().uri().getAuthority();
    try (KesClient c = builder(Credentials.apiKey(admin)).endpoints(list).build()) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.isReady()).isTrue();
      }
      assertThat(c.endpoints()).hasSize(2);
      assertThat(c.isParked(c.endpoints().stream().filter(e -> e.uri().getPort() == dead).findFirst().orElseThrow()))
          .isTrue();
    }
    try (KesClient c = builder(Credentials.apiKey(admin)).endpoints("127.0.0.1:" + dead).build()) {
      assertThatThrownBy(c::isReady).isInstanceOfSatisfying(TransportException.class, e ->
          assertThat(e.reason()).isEqualTo(TransportException.Reason.CONNECTION_REFUSED))
          .hasMessageStartingWith("kes: cannot reach https://127.0.0.1:" + dead + ": connection refused");
    }
  }

  @Test
  void concurrentCallsShareOneClient() throws Exception {
    kes.createKey("concurrent-1");
    Set<Integer> lengths = java.util.stream.IntStream.range(0, 32).parallel().mapToObj(i -> {
      try {
        return kes.generateKey("concurrent-1").ciphertext().length;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).collect(Collectors.toSet());
    assertThat(lengths).containsExactly(76);
  }
}
