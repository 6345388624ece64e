package org.openkes.server;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.server.api.ApiContext;
import org.openkes.server.api.Routes;
import org.openkes.server.auth.Access;
import org.openkes.server.cache.KeyCache;
import org.openkes.server.cache.Ticker;
import org.openkes.server.http.GoErrorPage;
import org.openkes.server.http.KesHandler;
import org.openkes.server.log.AuditLog;
import org.openkes.server.log.ErrorLog;
import org.openkes.server.metrics.Metrics;
import org.openkes.server.tls.ServerTls;
import org.openkes.server.tls.TlsException;

/**
 * A running KES server: HTTPS (HTTP/2 and HTTP/1.1 over TLS 1.2/1.3) on one address, serving the
 * API of kes-compat.md §1 for the current {@link ServerSpec}. {@link #reload} swaps the
 * configuration (SIGHUP); {@link #close} stops gracefully.
 *
 * <p>Logs and metrics live as long as the server; the key cache and keystore connection belong to
 * one configuration and are replaced on reload.
 */
public final class KesServer implements AutoCloseable {
  private static final String JETTY_REFS_PER_CACHE_LINE =
      "org.eclipse.jetty.util.referencesPerCacheLine";

  private final Environment env;
  private final Server jetty;
  private final ServerConnector connector;
  private final SslContextFactory.Server sslFactory;
  private final KesHandler handler;
  private final ScheduledExecutorService scheduler;
  private final Ticker ticker;
  private final ErrorLog errorLog;
  private final AuditLog auditLog;
  private final Metrics metrics;
  private final Instant startTime;
  private final SecureRandom random = new SecureRandom();
  private final AtomicReference<Routes> routes = new AtomicReference<>();
  private final Object lifecycle = new Object();
  private boolean closed; // guarded by lifecycle

  private KesServer(Environment env, ServerSpec spec) throws ServerException {
    this.env = env;
    this.startTime = env.clock().instant();
    this.metrics = new Metrics(System::nanoTime);
    this.errorLog = new ErrorLog(env.err(), env.clock(), env.zone(), metrics::errorEventDelivered);
    this.auditLog = new AuditLog(env.out(), env.clock(), env.zone(), metrics::auditEventDelivered);
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "kes-scheduler");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    this.scheduler = s;
    this.ticker = env.ticker().orElseGet(() -> new ScheduledTicker(scheduler));
    // Requests that may wait (keystores, bodies still on their way) run here, one virtual thread
    // each; Jetty runs its own blocking tasks here too.
    Executor requests = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("kes-request-", 0).factory());
    this.handler = new KesHandler(routes::get, requests, scheduler, env.clock());

    try {
      this.sslFactory = spec.tls().newFactory();
    } catch (TlsException e) {
      scheduler.shutdownNow();
      throw new ServerException(e.getMessage(), e);
    }
    // Jetty sizes its padding from this; without it, Jetty starts the JVM's platform MBean
    // server to ask HotSpot about compressed oops, a third of a second of every start.
    if (System.getProperty(JETTY_REFS_PER_CACHE_LINE) == null) {
      System.setProperty(JETTY_REFS_PER_CACHE_LINE, "16"); // 64-byte lines, 4-byte references
    }
    // Platform threads run Jetty's I/O and the requests answered inline (KesHandler): CPU work,
    // for which more threads than a few per core only add stacks (at 64 new TLS connections at
    // a time Jetty's default of up to 200 grew to ~100 threads). What may wait runs on virtual
    // threads.
    QueuedThreadPool pool = new QueuedThreadPool(
        Math.max(16, 4 * Runtime.getRuntime().availableProcessors()));
    pool.setName("kes");
    pool.setVirtualThreadsExecutor(requests);
    this.jetty = new Server(pool);
    jetty.setStopTimeout(env.shutdownGrace().toMillis());
    jetty.setStopAtShutdown(false); // the CLI decides when to stop (signals)
    jetty.setErrorHandler(new GoErrorPage());

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setSendDateHeader(true);
    http.setRequestHeaderSize(64 * 1024);
    // Paths are interpreted by KesHandler exactly as Go's mux would; Jetty must not reject
    // escaped slashes or dot segments on its own.
    http.setUriCompliance(UriCompliance.UNSAFE);
    // No SNI host check: clients connect by IP, and KES does not check SNI either.
    http.addCustomizer(new SecureRequestCustomizer(false));
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
    // Go's http2 server allows 250 streams at a time on a connection (Jetty: 128); a client
    // with more requests in flight (the JDK's fails them, Go's opens a second connection) sees
    // the same limit as with real KES.
    h2.setMaxConcurrentStreams(250);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
    alpn.setDefaultProtocol(h1.getProtocol());
    SslConnectionFactory tls = new SslConnectionFactory(sslFactory, alpn.getProtocol());
    tls.addBean(new SslHandshakeListener() {
      @Override
      public void handshakeFailed(Event event, Throwable failure) {
        // What Go's http.Server logs at INFO for every failed handshake.
        errorLog.info("http: TLS handshake error from " + remote(event.getEndPoint()) + ": "
            + handshakeError(failure));
      }
    });
    this.connector = new ServerConnector(jetty, tls, alpn, h2, h1);
    // The wildcard binds every interface, IPv6 too where the system allows, as Go's listener.
    connector.setHost(spec.address().isWildcard() ? null : spec.address().ip().getHostAddress());
    connector.setPort(spec.address().port());
    connector.setIdleTimeout(env.idleTimeout().toMillis());
    jetty.addConnector(connector);
    jetty.setHandler(new GracefulHandler(handler));
  }

  /**
   * Starts a server: connects the configuration, creates predefined keys, binds and serves.
   *
   * @throws ServerException if the port cannot be bound or a predefined key cannot be created;
   *     the keystore of {@code spec} is closed then
   */
  public static KesServer start(ServerSpec spec, Environment env) throws ServerException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(env, "env");
    KesServer server;
    try {
      server = new KesServer(env, spec);
    } catch (ServerException | RuntimeException e) {
      spec.keystore().close();
      throw e;
    }
    Routes initial;
    try {
      initial = server.configure(spec);
    } catch (ServerException | RuntimeException e) {
      server.scheduler.shutdownNow();
      throw e;
    }
    server.routes.set(initial);
    try {
      server.jetty.start();
    } catch (Exception e) {
      server.close();
      throw new ServerException(bindMessage(spec.address(), e), e);
    }
    return server;
  }

  /**
   * Switches to a new configuration (SIGHUP, kes-compat.md §4.9): admin, policies, routes, TLS,
   * log levels, cache settings, and a new keystore connection with an empty cache; predefined
   * keys are created again. The listen address stays. On failure the server keeps running as
   * before and the new keystore is closed.
   */
  public void reload(ServerSpec spec) throws ServerException {
    synchronized (lifecycle) {
      if (closed) {
        spec.keystore().close();
        throw new ServerException("kes: server is closed");
      }
      try {
        spec.tls().reload(sslFactory);
      } catch (TlsException e) {
        spec.keystore().close();
        throw new ServerException(e.getMessage(), e);
      }
      Routes next = configure(spec);
      Routes old = routes.getAndSet(next);
      old.context().keys().close();
    }
  }

  /** Replaces only the TLS material (periodic certificate reload). */
  public void reloadTls(ServerTls tls) throws TlsException {
    tls.reload(sslFactory);
  }

  /** Builds the state for {@code spec}; creates predefined keys. Closes the keystore on error. */
  private Routes configure(ServerSpec spec) throws ServerException {
    KeyCache cache = new KeyCache(spec.keystore(), spec.cache(), ticker);
    try {
      Access access;
      try {
        access = Access.of(spec.admin(), spec.policies());
      } catch (IllegalArgumentException e) {
        throw new ServerException(e.getMessage(), e); // the config loader checks this first
      }
      for (String name : spec.keys()) {
        createPredefined(cache, name, spec);
      }
      errorLog.setLevel(spec.log().error());
      auditLog.setLevel(spec.log().audit());
      ApiContext ctx = new ApiContext(startTime, env.zone(), env.build(), access, cache, errorLog,
          auditLog, metrics, env.clock(), random);
      return Routes.create(ctx, spec.api());
    } catch (ServerException | RuntimeException e) {
      cache.close();
      throw e;
    }
  }

  /** A predefined key is created like {@code /v1/key/create}, by the admin; existing is fine. */
  private void createPredefined(KeyCache cache, String name, ServerSpec spec)
      throws ServerException {
    byte[] secret = new byte[SecretKey.SIZE];
    byte[] mac = new byte[HmacKey.SIZE];
    random.nextBytes(secret);
    random.nextBytes(mac);
    try {
      cache.create(name, KeyVersion.of(SecretKey.of(KeyType.AES256, secret), HmacKey.of(mac),
          env.clock().instant().truncatedTo(ChronoUnit.NANOS), spec.admin().value()));
    } catch (KeyStoreException.KeyExists e) {
      // already there: nothing to do
    } catch (KeyStoreException e) {
      throw new ServerException(
          "failed to create predefined key '" + name + "': " + e.getMessage(), e);
    } finally {
      SecretKey.wipe(secret);
      SecretKey.wipe(mac);
    }
  }

  /** The address the server is bound to (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    String host = connector.getHost();
    return host == null ? new InetSocketAddress(connector.getLocalPort())
        : new InetSocketAddress(host, connector.getLocalPort());
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** When the server started (policies' and identities' creation time). */
  public Instant startTime() {
    return startTime;
  }

  /** The current configuration's key cache (tests, diagnostics). */
  public KeyCache keyCache() {
    return routes.get().context().keys();
  }

  /** What the keystore of the current configuration calls itself, e.g. {@code In Memory}. */
  public String keystoreDescription() {
    return routes.get().context().keys().store().description();
  }

  public ErrorLog errorLog() {
    return errorLog;
  }

  public AuditLog auditLog() {
    return auditLog;
  }

  /** Waits until the server has stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops gracefully: no new requests, log streams end, requests in flight get up to the
   * shutdown grace period to finish, then connections are closed and the keystore released.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    handler.beginShutdown();
    errorLog.closeSubscriptions();
    auditLog.closeSubscriptions();
    try {
      jetty.stop();
    } catch (Exception e) {
      env.err().println("Failed to stop the HTTP server cleanly: " + e.getMessage());
    }
    Routes r = routes.get();
    if (r != null) {
      r.context().keys().close();
    }
    scheduler.shutdownNow();
  }

  /** Go's words for the handshake failures operators see most; JSSE's text otherwise. */
  private static String handshakeError(Throwable failure) {
    String m = String.valueOf(failure.getMessage());
    if (m.contains("Empty client certificate chain")) {
      return "tls: client didn't provide a certificate";
    }
    return m;
  }

  private static String remote(EndPoint endPoint) {
    if (endPoint != null && endPoint.getRemoteSocketAddress() instanceof InetSocketAddress a
        && a.getAddress() != null) {
      String ip = a.getAddress().getHostAddress();
      return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }
    return "<unknown>";
  }

  private static String bindMessage(ListenAddress address, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    if (root instanceof java.net.BindException) {
      // Go: "listen tcp 0.0.0.0:7373: bind: address already in use"
      why = "bind: " + why.toLowerCase(java.util.Locale.ROOT);
    }
    return "listen tcp " + address + ": " + why;
  }

  /**
   * The production ticker: the server's scheduler fires, a virtual thread runs the task, so a
   * health check stuck on an unreachable keystore delays neither request timeouts nor other
   * tasks. A task still running when it is due again is skipped that time.
   */
  private record ScheduledTicker(ScheduledExecutorService scheduler) implements Ticker {
    @Override
    public Task every(Duration period, Runnable task) {
      long nanos = period.toNanos();
      java.util.concurrent.atomic.AtomicBoolean running =
          new java.util.concurrent.atomic.AtomicBoolean();
      ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> {
        if (running.compareAndSet(false, true)) {
          Thread.ofVirtual().name("kes-task").start(() -> {
            try {
              task.run();
            } finally {
              running.set(false);
            }
          });
        }
      }, nanos, nanos, TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    }
  }
}
