package org.openkes.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.policy.Policy;

/**
 * A client for the KES HTTP API v1 (kes-compat.md §1), one method per route, behaving on the
 * wire like the Go SDK ({@code github.com/minio/kms-go/kes} v0.3.1) that MinIO and the {@code
 * kes} CLI use: same requests, same error semantics, same retries and load balancing.
 *
 * <pre>{@code
 * try (KesClient kes = KesClient.builder()
 *     .endpoints("kes-1.example.net:7373,kes-2.example.net:7373")
 *     .apiKey(ApiKey.parse(System.getenv("KES_API_KEY")))
 *     .build()) {
 *   kes.createKey("my-key");
 *   Dek dek = kes.generateKey("my-key", context);
 * }
 * }</pre>
 *
 * <p>Failures are {@link KesException}s: {@link ApiException} (with the SDK's sentinel errors as
 * subclasses, e.g. {@link KeyNotFoundException}), {@link TransportException}, {@link
 * ResponseFormatException}. Instances are thread-safe; {@link #close()} releases the connections.
 */
public final class KesClient implements AutoCloseable {
  /** The SDK reads at most 1 MiB of most responses. */
  private static final long MAX_RESPONSE = 1 << 20;

  private final Sender sender;
  private final LoadBalancer balancer;
  private final EndpointCaller caller;
  private final Credentials credentials;

  private KesClient(Builder b) {
    this.credentials = b.credentials;
    SSLContext tls = TlsContexts.create(b.credentials, b.trust);
    this.sender = switch (b.transport) {
      case HTTP_CLIENT -> new HttpClientSender(tls, b.httpVersion, b.connectTimeout, b.callTimeout);
      case BLOCKING_HTTP1 -> new SocketSender(tls, b.connectTimeout, b.callTimeout);
    };
    this.balancer = new LoadBalancer(b.endpoints, b.network, b.clock, b.random);
    this.caller = new EndpointCaller(sender, b.retry, b.sleeper, b.random);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The endpoints, in the order the load balancer prefers them. */
  public List<Endpoint> endpoints() {
    return balancer.endpoints();
  }

  /**
   * Whether the endpoint is parked now: it failed with a transport error or a 5xx other than 501
   * within the last 30 s and is skipped (only with several endpoints).
   */
  public boolean isParked(Endpoint endpoint) {
    return balancer.isParked(endpoint);
  }

  /** The identity the server sees for this client. */
  public Identity identity() {
    return credentials.identity();
  }

  // --- server ------------------------------------------------------------------------------

  /** {@code GET /version} (no authentication). */
  public ServerVersion version() throws KesException {
    Fields f = object(ApiRequest.get("/version"), 1024);
    return new ServerVersion(f.string("version"), f.string("commit"));
  }

  /**
   * {@code GET /v1/ready}: true when the server answers 200.
   *
   * @throws ApiException when it answers with an error, e.g. {@code 504 key store is not
   *     reachable}, or {@link NotAllowedException} when readiness needs authorization
   */
  public boolean isReady() throws KesException {
    try (Exchange e = call(ApiRequest.get("/v1/ready"))) {
      if (e.status() >= 400) {
        throw ErrorResponses.read(e);
      }
      return e.status() == 200;
    }
  }

  /** {@code GET /v1/status}. See {@link Status} for how its units are read. */
  public Status status() throws KesException {
    Fields f = object(ApiRequest.get("/v1/status"), MAX_RESPONSE);
    long cpus = f.integer("num_cpu");
    long usable = f.integer("num_cpu_used");
    if (cpus < 0 || usable < 0) {
      throw new ResponseFormatException("kes: invalid number of CPUs '" + Math.min(cpus, usable) + "'");
    }
    return new Status(
        f.string("version"),
        f.string("os"),
        f.string("arch"),
        Duration.ofNanos((long) (f.number("uptime") * 1e9)),
        (int) cpus,
        (int) usable,
        f.integer("mem_heap_used"),
        f.integer("mem_stack_used"),
        Duration.ofMillis(f.integer("keystore_latency")),
        !f.bool("keystore_unreachable"),
        !f.bool("keystore_unavailable"));
  }

  /** {@code GET /v1/metrics}, in the Prometheus text format. */
  public Metrics metrics() throws KesException {
    ApiRequest r = ApiRequest.get("/v1/metrics").withAccept("text/plain; version=0.0.4");
    try (Exchange e = call(r)) {
      if (e.status() != 200) {
        throw failure(e);
      }
      String type = e.header("Content-Type");
      if (!type.isEmpty() && !type.startsWith("text/plain")) {
        throw new ResponseFormatException("kes: metrics from " + e.uri() + " are '" + type
            + "', not the Prometheus text format");
      }
      return MetricsReader.read(e.readText(MAX_RESPONSE), e.uri().toString());
    }
  }

  /** {@code GET /v1/api}: the server's routes. */
  public List<ApiRoute> apis() throws KesException {
    Exchange e = call(ApiRequest.get("/v1/api"));
    String source = e.uri().toString();
    JsonNode array = Json.parse(ok(e, MAX_RESPONSE), source);
    if (!array.isArray()) {
      throw new ResponseFormatException("kes: invalid response from " + source + ": expected a JSON array");
    }
    List<ApiRoute> routes = new ArrayList<>();
    for (JsonNode n : array) {
      Fields f = Fields.of(n, source);
      long maxBody = f.integer("max_body");
      long timeout = f.integer("timeout");
      if (maxBody < 0 || timeout < 0) {
        throw new ResponseFormatException("kes: invalid API max body or timeout from " + source);
      }
      routes.add(new ApiRoute(f.string("method"), f.string("path"), maxBody, Duration.ofSeconds(timeout)));
    }
    return List.copyOf(routes);
  }

  // --- keys --------------------------------------------------------------------------------

  /**
   * Creates a key with a fresh secret generated by the server.
   *
   * @throws KeyExistsException if the name is taken
   */
  public void createKey(String name) throws KesException {
    ok(call(ApiRequest.post(ApiPath.join("/v1/key/create", name))), MAX_RESPONSE);
  }

  /**
   * Imports a 32-byte secret as a key of the given type; the server adds a random HMAC key.
   *
   * @throws KeyExistsException if the name is taken
   */
  public void importKey(String name, KeyType type, byte[] key) throws KesException {
    Objects.requireNonNull(type, "type");
    ObjectNode body = Json.putBytes(Json.object(), "key", key).put("cipher", type.apiName());
    ok(call(ApiRequest.postJson(ApiPath.join("/v1/key/import", name), Json.toBytes(body))), MAX_RESPONSE);
  }

  /**
   * Describes a key.
   *
   * @throws KeyNotFoundException if there is no such key
   */
  public KeyInfo describeKey(String name) throws KesException {
    Fields f = object(ApiRequest.get(ApiPath.join("/v1/key/describe", name)), MAX_RESPONSE);
    return new KeyInfo(f.string("name"), algorithm(f), f.time("created_at"), Identity.of(f.string("created_by")));
  }

  /**
   * Deletes a key.
   *
   * @throws KeyNotFoundException if the keystore reports there is no such key
   */
  public void deleteKey(String name) throws KesException {
    ok(call(ApiRequest.delete(ApiPath.join("/v1/key/delete", name))), MAX_RESPONSE);
  }

  /**
   * Lists key names by prefix. {@code ""} and {@code "*"} list all; real KES v0.24 takes any
   * other pattern as a literal prefix, {@code *} included (quirk Q1), so {@code my-key*} finds
   * nothing there while it is a prefix match on fixed servers.
   */
  public Page<String> listKeys(String prefix) throws KesException {
    return names(ApiPath.join("/v1/key/list", prefix), "names", "name", true);
  }

  /** {@link #generateKey(String, byte[])} without context. */
  public Dek generateKey(String name) throws KesException {
    return generateKey(name, new byte[0]);
  }

  /**
   * A new data encryption key and its ciphertext under the named key. The context is bound to
   * the ciphertext: decrypting needs the same bytes.
   *
   * @throws KeyNotFoundException if there is no such key
   */
  public Dek generateKey(String name, byte[] context) throws KesException {
    ObjectNode body = Json.object();
    if (context.length > 0) {
      Json.putBytes(body, "context", context); // omitempty, as the SDK
    }
    Fields f = object(ApiRequest.postJson(ApiPath.join("/v1/key/generate", name), Json.toBytes(body)), MAX_RESPONSE);
    return new Dek(f.bytes("plaintext"), f.bytes("ciphertext"));
  }

  /** {@link #encrypt(String, byte[], byte[])} without context. */
  public byte[] encrypt(String name, byte[] plaintext) throws KesException {
    return encrypt(name, plaintext, new byte[0]);
  }

  /**
   * Encrypts with the named key; the context is bound to the ciphertext.
   *
   * @throws KeyNotFoundException if there is no such key
   */
  public byte[] encrypt(String name, byte[] plaintext, byte[] context) throws KesException {
    ObjectNode body = Json.putBytes(Json.object(), "plaintext", plaintext);
    if (context.length > 0) {
      Json.putBytes(body, "context", context);
    }
    return object(ApiRequest.postJson(ApiPath.join("/v1/key/encrypt", name), Json.toBytes(body)), MAX_RESPONSE)
        .bytes("ciphertext");
  }

  /** {@link #decrypt(String, byte[], byte[])} without context. */
  public byte[] decrypt(String name, byte[] ciphertext) throws KesException {
    return decrypt(name, ciphertext, new byte[0]);
  }

  /**
   * Decrypts with the named key and the context given at encryption.
   *
   * @throws DecryptionFailedException if the ciphertext is not authentic under that key and
   *     context
   * @throws KeyNotFoundException if there is no such key
   */
  public byte[] decrypt(String name, byte[] ciphertext, byte[] context) throws KesException {
    ObjectNode body = Json.putBytes(Json.object(), "ciphertext", ciphertext);
    if (context.length > 0) {
      Json.putBytes(body, "context", context);
    }
    return object(ApiRequest.postJson(ApiPath.join("/v1/key/decrypt", name), Json.toBytes(body)), MAX_RESPONSE)
        .bytes("plaintext");
  }

  /**
   * HMAC-SHA256 of {@code message} under the key's HMAC key (sent as the SDK sends it: {@code
   * PUT}, no {@code Content-Type}).
   *
   * @throws KeyNotFoundException if there is no such key
   * @throws ApiException {@code 409 key does not support HMAC} for legacy keys
   */
  public byte[] hmac(String name, byte[] message) throws KesException {
    byte[] body = Json.toBytes(Json.putBytes(Json.object(), "message", message));
    ApiRequest r = new ApiRequest("PUT", ApiPath.join("/v1/key/hmac", name), body, null, null);
    return object(r, 1000).bytes("hmac"); // the SDK allows 1 KB here
  }

  // --- policies ----------------------------------------------------------------------------

  /**
   * Describes a policy.
   *
   * @throws PolicyNotFoundException if there is no such policy
   */
  public PolicyInfo describePolicy(String name) throws KesException {
    Fields f = object(ApiRequest.get(ApiPath.join("/v1/policy/describe", name)), MAX_RESPONSE);
    return new PolicyInfo(name, f.time("created_at"), Identity.of(f.string("created_by")));
  }

  /**
   * A policy's allow and deny patterns.
   *
   * @throws PolicyNotFoundException if there is no such policy
   */
  public PolicyDetails readPolicy(String name) throws KesException {
    Fields f = object(ApiRequest.get(ApiPath.join("/v1/policy/read", name)), MAX_RESPONSE);
    return new PolicyDetails(new Policy(name, f.keys("allow"), f.keys("deny")),
        f.time("created_at"), Identity.of(f.string("created_by")));
  }

  /** Lists policy names: {@code ""} or {@code *} for all, else a prefix with an optional {@code *}. */
  public Page<String> listPolicies(String pattern) throws KesException {
    return names(ApiPath.join("/v1/policy/list", pattern), "names", "name", true);
  }

  // --- identities --------------------------------------------------------------------------

  /**
   * Describes an identity: the admin, or one assigned to a policy.
   *
   * @throws IdentityNotFoundException for any other identity
   */
  public IdentityInfo describeIdentity(Identity identity) throws KesException {
    Fields f = object(ApiRequest.get(ApiPath.join("/v1/identity/describe", identity.value())), MAX_RESPONSE);
    return new IdentityInfo(identity, f.bool("admin"), f.string("policy"), f.time("created_at"),
        Identity.of(f.string("created_by")));
  }

  /**
   * Describes the caller. Accepts the SDK's flat shape and the nested {@code policy} object of
   * KES's handler.
   *
   * @throws IdentityNotFoundException on real KES v0.24 for every caller but the admin (Q4)
   */
  public SelfDescription describeSelf() throws KesException {
    Fields f = object(ApiRequest.get("/v1/identity/self/describe"), MAX_RESPONSE);
    Fields rules = f.isObject("policy") ? f.object("policy") : f;
    String policy = f.isObject("policy") ? rules.string("name") : f.string("policy");
    IdentityInfo info = new IdentityInfo(Identity.of(f.string("identity")), f.bool("admin"), policy,
        f.time("created_at"), Identity.of(f.string("created_by")));
    return new SelfDescription(info, rules.keys("allow"), rules.keys("deny"));
  }

  /** Lists identities: the admin and those assigned to policies, by prefix like policies. */
  public Page<Identity> listIdentities(String pattern) throws KesException {
    Page<String> p = names(ApiPath.join("/v1/identity/list", pattern), "identities", "identity", false);
    return new Page<>(p.items().stream().map(Identity::of).toList(), p.continueAt());
  }

  // --- logs --------------------------------------------------------------------------------

  /**
   * Subscribes to the audit log. Returns at once; see {@link LogStream} for how the answer and
   * errors arrive. Close the stream to end the subscription.
   */
  public LogStream<AuditEvent> auditLog() {
    return stream("/v1/log/audit", f -> {
      Fields req = f.object("request");
      Fields res = f.object("response");
      return new AuditEvent(f.time("time"), req.string("path"), req.string("ip"),
          Identity.of(req.string("identity")), (int) res.integer("code"),
          Duration.ofMillis(res.integer("time")));
    });
  }

  /** Subscribes to the error log; like {@link #auditLog()}. */
  public LogStream<ErrorEvent> errorLog() {
    return stream("/v1/log/error", f -> new ErrorEvent(f.string("message")));
  }

  /** Releases the connections; calls and streams still in flight are aborted. */
  @Override
  public void close() {
    sender.close();
  }

  @Override
  public String toString() {
    return "KesClient[" + balancer.endpoints() + ", " + credentials + "]";
  }

  // --- plumbing ----------------------------------------------------------------------------

  private Exchange call(ApiRequest r) throws KesException {
    return balancer.send(endpoint -> caller.call(endpoint, r));
  }

  /** The body of a 200 response (closing the exchange), or the error the response stands for. */
  private static byte[] ok(Exchange e, long limit) throws KesException {
    try (e) {
      if (e.status() != 200) {
        throw failure(e);
      }
      return e.readBody(limit);
    }
  }

  private Fields object(ApiRequest r, long limit) throws KesException {
    Exchange e = call(r);
    String source = e.uri().toString();
    return Json.parseObject(ok(e, limit), source);
  }

  private static KesException failure(Exchange e) throws KesException {
    if (e.status() >= 400) {
      return ErrorResponses.read(e);
    }
    return new ResponseFormatException("kes: unexpected status " + e.status() + " from " + e.uri());
  }

  /** A list route: the v0.24 JSON object, or the ndjson lines of servers before v0.23. */
  private Page<String> names(String path, String field, String legacyField, boolean sortLegacy)
      throws KesException {
    try (Exchange e = call(ApiRequest.get(path))) {
      if (e.status() != 200) {
        throw failure(e);
      }
      byte[] body = e.readBody(MAX_RESPONSE);
      String source = e.uri().toString();
      if (e.header("Content-Type").equals("application/x-ndjson")) {
        return LegacyListing.read(body, legacyField, sortLegacy, source);
      }
      Fields f = Json.parseObject(body, source);
      return new Page<>(f.strings(field), f.string("continue_at"));
    }
  }

  private <T> LogStream<T> stream(String path, LogStream.EventReader<T> reader) {
    return LogStream.subscribe(() -> {
      Exchange e = call(ApiRequest.get(path));
      if (e.status() != 200) {
        try (e) {
          throw failure(e);
        }
      }
      return e;
    }, reader);
  }

  /** The SDK's {@code KeyAlgorithm}: missing means AES256; anything else must be known. */
  private static KeyType algorithm(Fields f) throws ResponseFormatException {
    if (!f.has("algorithm")) {
      return KeyType.AES256;
    }
    String a = f.string("algorithm");
    return KeyType.fromName(a)
        .orElseThrow(() -> new ResponseFormatException("kes: invalid key algorithm '" + a + "'"));
  }

  /** Configures a {@link KesClient}. Endpoints and credentials are required. */
  public static final class Builder {
    private List<Endpoint> endpoints = List.of();
    private Credentials credentials;
    private ServerTrust trust = ServerTrust.systemRoots();
    private RetryPolicy retry = RetryPolicy.SDK;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private InstantSource clock = InstantSource.system();
    private RandomGenerator random = new Random();
    private NetworkView network = NetworkView.SYSTEM;
    private Duration connectTimeout = Duration.ofSeconds(30); // the SDK's dialer
    private Duration callTimeout; // none, as the SDK without a context deadline
    private HttpClient.Version httpVersion = HttpClient.Version.HTTP_2;
    private Transport transport = Transport.HTTP_CLIENT;

    private Builder() {}

    /**
     * A comma-separated list, normalised as the CLI does ({@link Endpoint#parseList}). With
     * several endpoints, {@link #build()} resolves host names once to rank them by nearness, as
     * the SDK does.
     */
    public Builder endpoints(String commaSeparated) {
      return endpoints(Endpoint.parseList(commaSeparated));
    }

    public Builder endpoints(List<Endpoint> endpoints) {
      if (endpoints.isEmpty()) {
        throw new IllegalArgumentException("kes: no server endpoint");
      }
      this.endpoints = List.copyOf(endpoints);
      return this;
    }

    public Builder endpoint(Endpoint endpoint) {
      return endpoints(List.of(endpoint));
    }

    /** Authenticate with an API key (a fresh derived certificate, §3.3). */
    public Builder apiKey(ApiKey key) {
      return credentials(Credentials.apiKey(key));
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** How to verify the server; default: the JDK's trust store. */
    public Builder serverTrust(ServerTrust trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /** Default: {@link RetryPolicy#SDK}. */
    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** What waits between retries; tests pass one that does not sleep. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The clock that times how long failed endpoints stay parked. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Picks the first endpoint to try and the retry jitter. Must be thread-safe. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** This host's view of the network, for preferring near endpoints. */
    public Builder network(NetworkView network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /** How long to wait for a TCP connection. Default 30 s, as the SDK. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * How long to wait for response headers, per attempt. Default: no limit, as the SDK without
     * a context deadline. Streams are not affected once their headers have arrived.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The HTTP version of {@link Transport#HTTP_CLIENT}. Default HTTP/2 (negotiated with ALPN,
     * falling back to HTTP/1.1).
     */
    public Builder httpVersion(HttpClient.Version version) {
      this.httpVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Default {@link Transport#HTTP_CLIENT}. */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * @throws IllegalStateException without endpoints or credentials
     */
    public KesClient build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("kes: no server endpoint");
      }
      if (credentials == null) {
        throw new IllegalStateException("kes: no credentials: set an API key or a certificate and private key");
      }
      return new KesClient(this);
    }
  }
}
