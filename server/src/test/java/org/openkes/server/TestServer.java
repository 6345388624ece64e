package org.openkes.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openkes.core.config.LogLevel;
import org.openkes.core.config.ServerConfig;
import org.openkes.core.config.ServerConfig.ClientAuth;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.mem.InMemoryKeyStore;
import org.openkes.server.api.ApiContext.BuildInfo;
import org.openkes.server.tls.ServerCredentials;
import org.openkes.server.tls.ServerTls;

/**
 * A real server on 127.0.0.1 and an ephemeral port, with real TLS, a manual ticker and captured
 * logs.
 */
public final class TestServer implements AutoCloseable {
  public static final BuildInfo BUILD = new BuildInfo("0.0.0-test", "<unknown>");

  public final KesServer server;
  public final KeyAndCertificate serverCert;
  public final TestCerts.Client admin;
  public final ManualTicker ticker;
  private final ByteArrayOutputStream out;
  private final ByteArrayOutputStream err;

  private TestServer(KesServer server, KeyAndCertificate serverCert, TestCerts.Client admin,
      ManualTicker ticker, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    this.server = server;
    this.serverCert = serverCert;
    this.admin = admin;
    this.ticker = ticker;
    this.out = out;
    this.err = err;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A server with an admin and nothing else. */
  public static TestServer start() throws ServerException {
    return builder().start();
  }

  public URI uri() {
    return URI.create("https://127.0.0.1:" + server.port() + "/");
  }

  public TestClient client(TestCerts.Client client) {
    return client(client, HttpClient.Version.HTTP_2, null);
  }

  public TestClient client(TestCerts.Client client, HttpClient.Version version, String tls) {
    return new TestClient(uri(), serverCert.certificate(), client, version, tls);
  }

  public TestClient adminClient() {
    return client(admin);
  }

  /** What the audit log printed so far. */
  public String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the error log printed so far. */
  public String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A spec like the builder's, for reload tests. */
  @Override
  public void close() {
    server.close();
  }

  public static final class Builder {
    TestCerts.Client admin = TestCerts.apiKey();
    String adminIdentity;
    final Map<String, ServerConfig.Policy> policies = new LinkedHashMap<>();
    final Map<String, ServerConfig.Api> api = new LinkedHashMap<>();
    ServerConfig.Cache cache = ServerConfig.Cache.DEFAULT;
    ServerConfig.Log log = new ServerConfig.Log(LogLevel.INFO, LogLevel.INFO);
    List<String> keys = List.of();
    KeyStore keystore = new InMemoryKeyStore();
    ClientAuth clientAuth;
    Duration idleTimeout = Environment.DEFAULT_IDLE_TIMEOUT;
    KeyAndCertificate serverCert = TestCerts.server();

    public Builder admin(TestCerts.Client admin) {
      this.admin = admin;
      return this;
    }

    /** An admin identity that is not a client's (e.g. {@code disabled}). */
    public Builder adminIdentity(String identity) {
      this.adminIdentity = identity;
      return this;
    }

    public Builder policy(String name, List<String> allow, List<String> deny,
        TestCerts.Client... members) {
      policies.put(name, new ServerConfig.Policy(allow, deny,
          java.util.Arrays.stream(members).map(m -> m.identity().value()).toList()));
      return this;
    }

    public Builder api(String path, Duration timeout, boolean skipAuth) {
      api.put(path, new ServerConfig.Api(timeout, skipAuth));
      return this;
    }

    public Builder cache(ServerConfig.Cache cache) {
      this.cache = cache;
      return this;
    }

    public Builder log(LogLevel error, LogLevel audit) {
      this.log = new ServerConfig.Log(error, audit);
      return this;
    }

    public Builder keys(String... keys) {
      this.keys = List.of(keys);
      return this;
    }

    public Builder keystore(KeyStore keystore) {
      this.keystore = keystore;
      return this;
    }

    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = clientAuth;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    public ServerSpec spec() {
      ClientAuth mode = clientAuth != null ? clientAuth
          : api.values().stream().anyMatch(ServerConfig.Api::skipAuth) ? ClientAuth.REQUEST
              : ClientAuth.REQUIRE_ANY;
      return new ServerSpec(
          new ListenAddress("127.0.0.1", 0),
          new ServerTls(ServerCredentials.of(serverCert), mode, List.of()),
          org.openkes.core.identity.Identity.of(
              adminIdentity != null ? adminIdentity : admin.identity().value()),
          policies, api, cache, log, keys, keystore);
    }

    public TestServer start() throws ServerException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      ManualTicker ticker = new ManualTicker();
      Environment env = new Environment(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          Clock.systemUTC(), ZoneId.systemDefault(), BUILD, Optional.of(ticker), idleTimeout,
          Duration.ofSeconds(5));
      KesServer s = KesServer.start(spec(), env);
      return new TestServer(s, serverCert, admin, ticker, out, err);
    }
  }
}
