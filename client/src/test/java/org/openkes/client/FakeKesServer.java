package org.openkes.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.KeyMaterialException;
import org.openkes.core.identity.SelfSignedCertificates;

/**
 * A stand-in for a KES server in the client's unit tests: HTTPS (HTTP/1.1 only, which also
 * exercises the client's fallback from HTTP/2) on 127.0.0.1, demanding a client certificate of
 * any kind as KES does by default, answering with what the test scripts and recording what it
 * received. The interop module tests the same client against the real KES.
 */
final class FakeKesServer implements AutoCloseable {
  /** What the client sent. */
  record Request(String method, String rawPath, String contentType, String accept, byte[] body,
      Identity clientIdentity) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** What to answer; a {@code null} body sends none. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    static Response json(int status, String json) {
      return new Response(status, Map.of("Content-Type", "application/json"),
          json.getBytes(StandardCharsets.UTF_8));
    }

    /** KES's error shape: the newline of Go's encoder inside the object. */
    static Response error(int status, String message) {
      return json(status, "{\"message\":\"" + message + "\"\n}");
    }

    static Response text(int status, String text) {
      return new Response(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
          text.getBytes(StandardCharsets.UTF_8));
    }

    static Response empty(int status) {
      return new Response(status, Map.of(), new byte[0]);
    }

    static Response redirect(int status, String location) {
      return new Response(status, Map.of("Location", location, "Content-Type", "text/html; charset=utf-8"),
          ("<a href=\"" + location + "\">Redirect</a>.\n\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Answers a request; may also write to the exchange itself and return null (streams). */
  @FunctionalInterface
  interface Handler {
    Response handle(Request request, HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final X509Certificate certificate;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Handler handler = (r, x) -> Response.error(500, "no handler");

  private FakeKesServer(HttpsServer server, X509Certificate certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  /** A server whose certificate names {@code localhost} and {@code 127.0.0.1}. */
  static FakeKesServer start() throws Exception {
    return start(List.of("localhost"), List.of(InetAddress.getByName("127.0.0.1")));
  }

  /** A server whose certificate names only the given hosts (to test host-name checks). */
  static FakeKesServer start(List<String> dnsNames, List<InetAddress> ips) throws Exception {
    ServerTls tls = ServerTls.create(dnsNames, ips);
    SSLContext ctx = tls.context();
    X509Certificate cert = tls.certificate();

    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        p.setNeedClientAuth(true); // KES's default: a certificate is required, any will do
        params.setSSLParameters(p);
      }
    });
    FakeKesServer fake = new FakeKesServer(s, cert);
    s.createContext("/", fake::serve);
    s.setExecutor(fake.executor);
    s.start();
    return fake;
  }

  /** A self-signed P-256 server certificate and a context that asks for any client certificate. */
  record ServerTls(SSLContext context, X509Certificate certificate) {
    static ServerTls create(List<String> dnsNames, List<InetAddress> ips) throws Exception {
      KeyPair keys = SelfSignedCertificates.generateEcP256(new SecureRandom());
      Instant now = Instant.now();
      X509Certificate cert = SelfSignedCertificates.create(keys,
          new SelfSignedCertificates.Template("localhost", dnsNames, ips,
              List.of(SelfSignedCertificates.Usage.SERVER_AUTH),
              now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1))),
          new SecureRandom());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", keys.getPrivate(), new char[0], new Certificate[] {cert});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {new AnyClient()}, null);
      return new ServerTls(ctx, cert);
    }
  }

  Endpoint endpoint() {
    return Endpoint.parse("127.0.0.1:" + server.getAddress().getPort());
  }

  X509Certificate certificate() {
    return certificate;
  }

  void handle(Handler h) {
    this.handler = h;
  }

  /** Answers every request with {@code r}. */
  void respond(Response r) {
    handle((req, x) -> r);
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  Request lastRequest() {
    List<Request> all = requests();
    return all.get(all.size() - 1);
  }

  /** Released when the server closes; streaming handlers wait on it. */
  void awaitClose() throws InterruptedException {
    closing.await();
  }

  private void serve(HttpExchange x) throws IOException {
    try (x) {
      Identity id = Identity.UNKNOWN;
      try {
        id = Identity.ofCertificate((X509Certificate) ((HttpsExchange) x).getSSLSession().getPeerCertificates()[0]);
      } catch (SSLPeerUnverifiedException | KeyMaterialException e) {
        // recorded as unknown
      }
      Request req = new Request(x.getRequestMethod(), x.getRequestURI().getRawPath(),
          x.getRequestHeaders().getFirst("Content-Type"), x.getRequestHeaders().getFirst("Accept"),
          x.getRequestBody().readAllBytes(), id);
      requests.add(req);
      Response r = handler.handle(req, x);
      if (r == null) {
        return; // the handler wrote the response itself
      }
      r.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
      x.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        try (OutputStream out = x.getResponseBody()) {
          out.write(r.body());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** KES's default handshake: any client certificate is accepted, only possession is proven. */
  private static final class AnyClient extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
