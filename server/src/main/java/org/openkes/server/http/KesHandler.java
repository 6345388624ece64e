package org.openkes.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.PeerIdentity;
import org.openkes.server.api.ApiContext;
import org.openkes.server.api.ApiRequest;
import org.openkes.server.api.ApiResponse;
import org.openkes.server.api.Auth;
import org.openkes.server.api.Errors;
import org.openkes.server.api.Route;
import org.openkes.server.api.Routes;
import org.openkes.server.log.LogTopic;
import org.openkes.server.log.RequestInfo;
import org.openkes.server.log.Subscription;

/**
 * KES's HTTP front door as one Jetty handler (kes-compat.md §1.1). Per request:
 *
 * <ol>
 *   <li>the mux: clean the path (301 to the clean form; {@code /v1/key/list} → {@code
 *       /v1/key/list/}), find the route or answer {@code 404 page not found};
 *   <li>the route: method ({@code 405} with {@code Accept}), body limit, timeout;
 *   <li>authentication and authorization, before the handler;
 *   <li>the handler, wrapped by the request metrics on key, policy and identity routes.
 * </ol>
 *
 * The routes (and the configuration behind them) are read once per request, so a SIGHUP reload
 * never mixes two configurations in one request.
 *
 * <p>Threads: Jetty sees a non-blocking handler. A key operation (generate, encrypt, decrypt,
 * describe, hmac), over HTTP/1 or HTTP/2, is answered on the Jetty thread that read the last of
 * its body; its body is gathered as it arrives, without blocking ({@link Arrival}). Should its
 * key not be cached, the handler says so ({@link ApiResponse.WouldWait}) before doing anything
 * and is called again on a virtual thread. Everything else runs on a virtual thread, where
 * handlers block on keystores and bodies freely. Answering inline saves the hand-over to a
 * virtual thread, a quarter to a third of the server's CPU time per request under load
 * (docs/performance.md). The price: the key operations of one connection are answered one after
 * another (over HTTP/2 too), so one connection uses one core for them; several connections
 * (several MinIO nodes) use several.
 */
public final class KesHandler extends Handler.Abstract {
  private static final String JSON = "application/json";
  private static final String NDJSON = "application/x-ndjson";
  private static final Duration STREAM_POLL = Duration.ofSeconds(30);

  /**
   * How much of a body nobody reads is still read and dropped before the response, so that an
   * HTTP/2 client that is still sending sees a clean end of stream instead of a reset (the JDK
   * client fails the whole exchange on RST_STREAM). Beyond this the stream is reset.
   */
  private static final long DRAIN_LIMIT = 4L * 1024 * 1024;

  /**
   * Go's {@code maxPostHandlerReadBytes}: on HTTP/1.1 net/http reads and drops at most this much
   * of an unread body after the handler; if more is left it closes the connection instead.
   */
  private static final long HTTP1_DRAIN_LIMIT = 256 * 1024;

  /** Request attribute: the handler's read went past the route's max body. */
  private static final String BODY_LIMIT_HIT = KesHandler.class.getName() + ".bodyLimitHit";

  /** The most body bytes read ahead for a route without a body of its own (drained). */
  private static final int INLINE_DRAIN = 4096;

  private final Supplier<Routes> routes;
  private final Executor waiting;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private volatile boolean stopping;

  /**
   * @param routes the current route table (replaced on reload)
   * @param waiting runs the requests that may wait, one virtual thread each
   * @param timer runs the route timeouts
   * @param clock the time requests are received at
   */
  public KesHandler(Supplier<Routes> routes, Executor waiting, ScheduledExecutorService timer,
      Clock clock) {
    super(InvocationType.NON_BLOCKING);
    this.routes = routes;
    this.waiting = waiting;
    this.timer = timer;
    this.clock = clock;
  }

  /** New log streams end at once; existing ones end when their subscriptions are closed. */
  public void beginShutdown() {
    stopping = true;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long receivedNanos = System.nanoTime();
    Instant received = clock.instant();
    Routes table = routes.get();
    String raw = request.getHttpURI().getPath();
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      raw = "/" + (raw == null ? "" : raw);
    }
    String clean = GoPath.clean(raw);
    Optional<String> matchPath = GoPath.unescapeForMatch(clean);
    Optional<String> path = GoPath.unescape(clean);
    if (matchPath.isEmpty() || path.isEmpty()) {
      // Go's server refuses a malformed escape before any handler runs.
      waiting.execute(() ->
          text(response, callback, 400, "text/plain; charset=utf-8", "400 Bad Request"));
      return true;
    }
    String query = request.getHttpURI().getQuery();
    Optional<Route> route = table.match(matchPath.get());
    boolean exact = route.isPresent() && route.get().path().equals(matchPath.get());
    if (!exact && !clean.endsWith("/") && table.redirectsToSubtree(matchPath.get())) {
      String location = clean + "/";
      waiting.execute(() -> redirect(request, response, callback, location, query));
      return true;
    }
    if (!clean.equals(raw)) {
      waiting.execute(() -> redirect(request, response, callback, clean, query));
      return true;
    }
    if (route.isEmpty()) {
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      waiting.execute(() ->
          text(response, callback, 404, "text/plain; charset=utf-8", "404 page not found\n"));
      return true;
    }
    Route r = route.get();
    ApiContext ctx = table.context();
    if (r.inline()) {
      new Arrival(ctx, r, path.get(), new Exchange(request, response, callback), received,
          receivedNanos).run();
      return true;
    }
    waiting.execute(() -> serve(ctx, r, path.get(), new Exchange(request, response, callback),
        body(request, r), true, received, receivedNanos));
    return true;
  }

  private static ApiRequest.Body body(Request request, Route route) {
    return route.maxBody() > 0 ? new LimitedBody(request, route.maxBody()) : ApiRequest.Body.NONE;
  }

  /**
   * @param mayWait whether this runs on a virtual thread (see {@link ApiRequest#mayWait()}); if
   *     not, nothing here waits: the body has arrived, and the handler answers {@link
   *     ApiResponse.WouldWait} rather than wait for a key
   */
  private void serve(ApiContext ctx, Route route, String path, Exchange ex, ApiRequest.Body body,
      boolean mayWait, Instant received, long receivedNanos) {
    Request request = ex.request;
    String method = request.getMethod();
    if (!route.accepts(method)) {
      ex.response.getHeaders().put(HttpHeader.ACCEPT, route.method());
      ex.finish(new ApiResponse.Error(405, Errors.methodNotAllowed(method, route.method())));
      return;
    }
    String resource = route.isSubtree() ? path.substring(route.path().length()) : "";
    // The route's timeout aborts a handler that waits too long. One that may not wait (inline)
    // is done before this method returns, so only a request that may wait starts the clock (one
    // timer task less per request; no difference in CPU per request above the noise). A body
    // that had to be awaited started it already (Arrival): the deadline is the same.
    if (mayWait) {
      ex.abortAtDeadline(route, receivedNanos, timer);
    }
    String ip = IpText.of(request.getConnectionMetaData().getRemoteSocketAddress());

    Identity identity = Identity.UNKNOWN;
    if (route.auth() != Auth.NONE) {
      Who who = identify(request);
      if (who instanceof Who.Known k) {
        identity = k.identity();
      } else if (route.auth() == Auth.VERIFY) {
        String message = ((Who.Refused) who).message();
        ctx.errorLog().debug(message, new RequestInfo(method, path, ip, ""));
        ex.finish(new ApiResponse.Error(400, message));
        return;
      }
      if (route.auth() == Auth.VERIFY) {
        if (ctx.access().authorize(identity, path) instanceof
            org.openkes.server.auth.Access.Decision.Denied d) {
          ctx.errorLog().debug(d.logMessage(), new RequestInfo(method, path, ip, identity.value()));
          ex.finish(new ApiResponse.Error(403, Errors.NOT_ALLOWED));
          return;
        }
      }
    }

    ApiRequest req = new ApiRequest(method, path, resource, identity, ip, received,
        receivedNanos, body, mayWait);
    if (route.metered()) {
      ctx.metrics().requestStarted();
    }
    answer(ctx, route, ex, req);
  }

  /** Runs the handler and sends its answer; again on a virtual thread if it would wait. */
  private void answer(ApiContext ctx, Route route, Exchange ex, ApiRequest req) {
    ApiResponse res;
    try {
      res = route.handler().handle(req);
    } catch (RuntimeException e) {
      ctx.errorLog().error("internal error: " + e, req.info());
      res = new ApiResponse.Error(500, "internal server error");
    }
    if (res instanceof ApiResponse.WouldWait && req.mayWait()) {
      // A handler bug; answered like any other, never left hanging.
      ctx.errorLog().error("internal error: " + route.path() + " would wait where it may",
          req.info());
      res = new ApiResponse.Error(500, "internal server error");
    }
    if (res instanceof ApiResponse.WouldWait) {
      ex.abortAtDeadline(route, req.receivedNanos(), timer);
      waiting.execute(() -> answer(ctx, route, ex, req.waiting()));
      return;
    }
    if (res instanceof ApiResponse.Stream s) {
      stream(s.topic(), ex);
      return;
    }
    // Counted before the response leaves, as Go's buffered writer does: a client that reads
    // the metrics after its answer must see its own request.
    if (route.metered()) {
      ctx.metrics().requestFinished(res.status(),
          Duration.ofNanos(System.nanoTime() - req.receivedNanos()));
    }
    ex.finish(res);
  }

  /** The outcome of identifying a peer from its TLS certificates. */
  private sealed interface Who {
    record Known(Identity identity) implements Who {}

    record Refused(String message) implements Who {}
  }

  /**
   * KES's {@code identifyRequest} (kes-compat.md §2.2). The peer's certificates are fixed for
   * the life of a TLS session, so the answer (a SHA-256 over the public key) is computed once
   * per session and kept in it.
   */
  private static Who identify(Request request) {
    Object attr = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
    if (!(attr instanceof EndPoint.SslSessionData ssl)) {
      return new Who.Refused("insecure connection: TLS is required");
    }
    SSLSession session = ssl.sslSession();
    if (session != null && session.getValue(WHO) instanceof Who known) {
      return known;
    }
    X509Certificate[] certs = ssl.peerCertificates();
    PeerIdentity p = Identity.ofPeerChain(certs == null ? List.of() : List.of(certs));
    Who who = switch (p) {
      case PeerIdentity.Identified i -> new Who.Known(i.identity());
      case PeerIdentity.Rejected r -> new Who.Refused(r.message());
    };
    if (session != null) {
      session.putValue(WHO, who);
    }
    return who;
  }

  /** The name under which a TLS session keeps its peer's {@link Who}. */
  private static final String WHO = "org.openkes.server.identity";

  /**
   * {@code /v1/log/*}: headers at once, then one JSON line per event, flushed, until the client
   * goes away or the server stops (kes-compat.md §7.4).
   */
  private void stream(LogTopic topic, Exchange ex) {
    Response response = ex.response;
    Subscription sub = topic.subscribe();
    try {
      // A client that goes away (HTTP/2 reset, closed connection) ends the subscription at once.
      ex.request.addFailureListener(t -> sub.close());
      // The stream may be silent for longer than the idle timeout; that is not a failure.
      ex.request.addIdleTimeoutListener(t -> false);
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, NDJSON);
      write(response, false, ByteBuffer.allocate(0));
      while (!stopping) {
        Optional<String> line = sub.next(STREAM_POLL);
        if (line.isEmpty()) {
          if (sub.isClosed()) {
            break;
          }
          continue;
        }
        write(response, false, ByteBuffer.wrap(line.get().getBytes(StandardCharsets.UTF_8)));
        topic.delivered();
      }
      ex.complete(cb -> response.write(true, null, cb));
    } catch (IOException e) {
      ex.fail(e); // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.fail(e);
    } finally {
      sub.close();
    }
  }

  private static void write(Response response, boolean last, ByteBuffer buf) throws IOException {
    try (Blocker.Callback cb = Blocker.callback()) {
      response.write(last, buf, cb);
      cb.block();
    }
  }

  /** Go's {@code http.Redirect} with 301, as the mux sends it. */
  private static void redirect(Request request, Response response, Callback callback,
      String location, String query) {
    settleBody(request, response);
    String target = query == null ? location : location + "?" + query;
    response.setStatus(301);
    response.getHeaders().put(HttpHeader.LOCATION, target);
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    }
    if (method.equals("GET")) {
      String body = "<a href=\"" + htmlEscape(target) + "\">Moved Permanently</a>.\n\n";
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, b.length);
      response.write(true, ByteBuffer.wrap(b), callback);
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
      response.write(true, null, callback);
    }
  }

  private static String htmlEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&#34;").replace("'", "&#39;");
  }

  private static void text(Response response, Callback callback, int status, String type,
      String body) {
    text(response.getRequest(), response, callback, status, type, body);
  }

  private static void text(Request request, Response response, Callback callback, int status,
      String type, String body) {
    settleBody(request, response);
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, b.length);
    response.write(true, ByteBuffer.wrap(b), callback);
  }

  /**
   * One request in flight: completes Jetty's callback exactly once, either with the response or,
   * when the route's timeout strikes first, by aborting the stream. Real KES sets a write
   * deadline, so a slow handler's connection (HTTP/1.1) or stream (HTTP/2) is torn down and the
   * client sees a transport error, never a status; so does ours.
   */
  private static final class Exchange {
    /** The request, or a wrapper of it that holds the body's chunks read so far. */
    volatile Request request;
    final Response response;
    final Callback callback;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicReference<HttpStream> stream = new AtomicReference<>();
    private volatile ScheduledFuture<?> timeout;

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    /**
     * Aborts the request if it is not done by the route's timeout after it was received; once
     * per request (the deadline never moves), nothing if the route has no timeout.
     */
    void abortAtDeadline(Route route, long receivedNanos, ScheduledExecutorService timer) {
      if (!route.timeout().isPositive() || timeout != null) {
        return;
      }
      request.addHttpStreamWrapper(s -> {
        stream.set(s);
        return s;
      });
      long left = receivedNanos + route.timeout().toNanos() - System.nanoTime();
      timeout = timer.schedule(this::abort, Math.max(left, 0), TimeUnit.NANOSECONDS);
    }

    /** Whether the request has been answered or aborted. */
    boolean isDone() {
      return done.get();
    }

    private void abort() {
      if (done.compareAndSet(false, true)) {
        TimeoutException te = new TimeoutException("request timed out");
        if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2) {
          HttpStream s = stream.get();
          if (s != null) {
            s.failed(te); // resets this stream only; the connection's other streams go on
          }
        } else {
          // HTTP/1.1 has no way to abort one response but to close the connection.
          request.getConnectionMetaData().getConnection().getEndPoint().close(te);
        }
        callback.failed(te);
      }
    }

    /** Sends {@code res} unless the request has already been aborted. */
    void finish(ApiResponse res) {
      complete(cb -> send(request, response, res, cb));
    }

    void complete(java.util.function.Consumer<Callback> writer) {
      if (done.compareAndSet(false, true)) {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
          t.cancel(false);
        }
        writer.accept(callback);
      }
    }

    void fail(Throwable t) {
      if (done.compareAndSet(false, true)) {
        ScheduledFuture<?> f = timeout;
        if (f != null) {
          f.cancel(false);
        }
        callback.failed(t);
      }
    }
  }

  /**
   * Writes a complete response to {@code request} (which may be a wrapper of the response's own
   * request that holds the body read so far).
   */
  static void send(Request request, Response response, ApiResponse res, Callback callback) {
    switch (res) {
      case ApiResponse.Empty e -> {
        settleBody(request, response);
        response.setStatus(e.status());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, null, callback);
      }
      case ApiResponse.Json j -> text(request, response, callback, j.status(), JSON, j.body());
      case ApiResponse.Error e -> text(request, response, callback, e.status(), JSON, e.body());
      case ApiResponse.Text t ->
          text(request, response, callback, t.status(), t.contentType(), t.body());
      case ApiResponse.Stream s ->
          throw new IllegalStateException("a stream is not a complete response");
      case ApiResponse.WouldWait w ->
          throw new IllegalStateException("waiting is not a response");
    }
  }

  /**
   * Deals with what is left of the request body before the response, as Go's net/http does after
   * a handler: on HTTP/1.1 a body that went past the route's limit, or more than 256 KiB left
   * unread, ends the connection after this response ({@code Connection: close}, as real KES
   * answers); less is read and dropped, so the connection can carry the next request. HTTP/2
   * streams are drained further (see {@link #DRAIN_LIMIT}).
   */
  private static void settleBody(Request request, Response response) {
    if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2) {
      drain(request, DRAIN_LIMIT);
    } else if (request.getAttribute(BODY_LIMIT_HIT) != null || !drain(request, HTTP1_DRAIN_LIMIT)) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  /**
   * Reads and drops up to {@code limit} bytes of the request body; whether it ended. Works on
   * Jetty's chunks rather than an InputStream: once a handler has read the body, this costs one
   * call and no buffer.
   */
  private static boolean drain(Request request, long limit) {
    long left = limit;
    try {
      while (true) {
        Content.Chunk chunk = nextChunk(request);
        if (Content.Chunk.isFailure(chunk)) {
          return false; // the client is gone or the body is broken: nothing more to read from it
        }
        left -= chunk.remaining();
        boolean last = chunk.isLast();
        chunk.release();
        if (left < 0) {
          return false;
        }
        if (last) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false; // as above
    }
  }

  /** The next chunk of the body, blocking (we run on a virtual thread) until there is one. */
  private static Content.Chunk nextChunk(Request request) throws IOException {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk != null) {
        return chunk;
      }
      try (Blocker.Runnable demand = Blocker.runnable()) {
        request.demand(demand);
        demand.block();
      }
    }
  }

  /**
   * A key operation (a route that {@linkplain Route#inline() may be answered inline}) whose body
   * is gathered without blocking, as Jetty delivers it: the request is then served on the thread
   * that read the last of it. A body that breaks, or goes past the route's limit, is served on a
   * virtual thread, where the route's own reading reports it. While the body is on its way the
   * route's timeout runs, so a client that never sends it is cut off as one that waits would be.
   */
  private final class Arrival implements Invocable.Task {
    private final ApiContext ctx;
    private final Route route;
    private final String path;
    private final Exchange ex;
    private final Instant received;
    private final long receivedNanos;
    private final long limit;
    private final List<Content.Chunk> chunks = new ArrayList<>(2);
    private long total;

    Arrival(ApiContext ctx, Route route, String path, Exchange ex, Instant received,
        long receivedNanos) {
      this.ctx = ctx;
      this.route = route;
      this.path = path;
      this.ex = ex;
      this.received = received;
      this.receivedNanos = receivedNanos;
      this.limit = route.maxBody() > 0 ? route.maxBody() : INLINE_DRAIN;
    }

    /** Never blocks: Jetty may call it on the thread that reads the connection. */
    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }

    @Override
    public void run() {
      Request request = ex.request;
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          ex.abortAtDeadline(route, receivedNanos, timer);
          request.demand(this);
          return;
        }
        chunks.add(chunk);
        if (ex.isDone()) { // aborted while the body was on its way
          chunks.forEach(Content.Chunk::release);
          return;
        }
        total += chunk.remaining();
        if (Content.Chunk.isFailure(chunk) || total > limit) {
          // Go's MaxBytesReader and the failures are the route's reading's to report.
          ex.request = new EarlyChunks(request, chunks);
          waiting.execute(() -> serve(ctx, route, path, ex, body(ex.request, route), true,
              received, receivedNanos));
          return;
        }
        if (chunk.isLast()) {
          break;
        }
      }
      ApiRequest.Body body = route.maxBody() > 0
          ? new ArrivedBody(bytes(), announced(request)) : ApiRequest.Body.NONE;
      serve(ctx, route, path, ex, body, false, received, receivedNanos);
    }

    /** The body's bytes, in one array; the chunks are released. */
    private byte[] bytes() {
      byte[] body = new byte[(int) total];
      int n = 0;
      for (Content.Chunk chunk : chunks) {
        ByteBuffer data = chunk.getByteBuffer();
        int len = data.remaining();
        data.get(body, n, len);
        n += len;
        chunk.release();
      }
      chunks.clear();
      return body;
    }
  }

  /** See {@link ApiRequest.Body#announced()}. */
  private static boolean announced(Request request) {
    long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    return length != 0; // -1: chunked or HTTP/2 without a length, read it
  }

  /** A body that had arrived in full before the handler ran (at most the route's limit). */
  private record ArrivedBody(byte[] bytes, boolean announced) implements ApiRequest.Body {
    @Override
    public byte[] read() {
      return bytes.clone(); // the handler may run twice (WouldWait)
    }
  }

  /** A request whose first chunks were read ahead: they are read again first. */
  private static final class EarlyChunks extends Request.Wrapper {
    private final ArrayDeque<Content.Chunk> early;

    EarlyChunks(Request request, List<Content.Chunk> early) {
      super(request);
      this.early = new ArrayDeque<>(early);
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = early.poll();
      return chunk != null ? chunk : super.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
      if (early.isEmpty()) {
        super.demand(demandCallback);
      } else {
        demandCallback.run();
      }
    }
  }

  /** The request body through Go's {@code MaxBytesReader} eyes: at most {@code limit} bytes. */
  private static final class LimitedBody implements ApiRequest.Body {
    private final Request request;
    private final long limit;

    LimitedBody(Request request, long limit) {
      this.request = request;
      this.limit = limit;
    }

    @Override
    public boolean announced() {
      return KesHandler.announced(request);
    }

    @Override
    public byte[] read() throws IOException {
      int max = (int) Math.min(limit, Integer.MAX_VALUE - 8);
      long announced = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
      // KES's bodies are small and usually announced: one array of the right size, no copies.
      byte[] buf = new byte[announced >= 0 ? (int) Math.min(announced, max) : Math.min(max, 512)];
      int n = 0;
      boolean ended = false;
      boolean over = false; // more than the limit: MaxBytesReader's requestTooLarge
      while (!ended && !over) {
        Content.Chunk chunk = nextChunk(request);
        if (Content.Chunk.isFailure(chunk)) {
          throw chunk.getFailure() instanceof IOException io ? io : new IOException(chunk.getFailure());
        }
        ByteBuffer data = chunk.getByteBuffer();
        int take = Math.min(data.remaining(), max - n);
        if (n + take > buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max(n + take, 2L * buf.length)));
        }
        data.get(buf, n, take);
        n += take;
        over = data.hasRemaining();
        ended = chunk.isLast();
        chunk.release();
      }
      if (over) {
        request.setAttribute(BODY_LIMIT_HIT, Boolean.TRUE);
      }
      return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
  }
}
