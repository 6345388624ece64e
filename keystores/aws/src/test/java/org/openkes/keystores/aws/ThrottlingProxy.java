package org.openkes.keystores.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP reverse proxy in front of moto that answers the first {@code throttles} calls of one
 * Secrets Manager action the way AWS answers when a rate limit is hit (HTTP 400,
 * {@code {"__type":"ThrottlingException","message":"Rate exceeded"}}, as the Secrets Manager
 * API reference documents for its JSON protocol) and forwards everything else unchanged. moto
 * never throttles; this injects the fault in front of the real server.
 */
final class ThrottlingProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
      "expect", "upgrade", "keep-alive");

  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI target;
  private final String action;
  private final AtomicInteger throttlesLeft;
  private final AtomicInteger calls = new AtomicInteger();

  ThrottlingProxy(URI target, String action, int throttles) throws IOException {
    this.target = target;
    this.action = "secretsmanager." + action;
    this.throttlesLeft = new AtomicInteger(throttles);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many calls of the action reached the proxy (throttled or forwarded). */
  int calls() {
    return calls.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (action.equals(ex.getRequestHeaders().getFirst("X-Amz-Target"))) {
        calls.incrementAndGet();
        if (throttlesLeft.getAndDecrement() > 0) {
          byte[] err = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
          ex.getResponseHeaders().set("x-amzn-ErrorType", "ThrottlingException");
          ex.sendResponseHeaders(400, err.length);
          ex.getResponseBody().write(err);
          return;
        }
      }
      HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()))
          .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      ex.getRequestHeaders().forEach((k, vs) -> {
        if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
          vs.forEach(v -> b.header(k, v));
        }
      });
      HttpResponse<byte[]> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      r.headers().map().forEach((k, vs) -> {
        if (!HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT)) && !k.startsWith(":")) {
          vs.forEach(v -> ex.getResponseHeaders().add(k, v));
        }
      });
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    http.close();
  }
}
