package org.openkes.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plain HTTP/1.1 requests to one server over mutual TLS as one client certificate (or none), with
 * the JDK HttpClient: no redirects followed, no retries, nothing interpreted — the exact status,
 * headers and body come back as an {@link Answer}.
 */
final class MtlsHttp implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final char[] STORE_PASSWORD = "interop".toCharArray();

  private final HttpClient http;
  private final String base;

  private MtlsHttp(HttpClient http, String base) {
    this.http = http;
    this.base = base;
  }

  /** A client of {@code server} presenting {@code client} (null: no certificate). */
  static MtlsHttp to(RealKesServer server, ClientCert client) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keyManagers(client), trusting(server.certificate()), null);
      HttpClient http = HttpClient.newBuilder()
          .sslContext(tls)
          .version(HttpClient.Version.HTTP_1_1) // one wire format, so headers compare exactly
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
      return new MtlsHttp(http, server.endpoint().uri().toString());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for the test client", e);
    }
  }

  /** Sends one request; {@code path} is sent as written (query and escapes included). */
  Answer send(String method, String path, String body) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(request(method, path, body),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer.Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      return new Answer.Failure(e.toString());
    }
  }

  /**
   * Opens a stream (the log routes): the status and headers if they come within {@code wait},
   * then hangs up; a non-200 body is read, as it ends.
   */
  Answer open(String path, Duration wait) throws InterruptedException {
    CompletableFuture<HttpResponse<InputStream>> pending =
        http.sendAsync(request("GET", path, null), HttpResponse.BodyHandlers.ofInputStream());
    try {
      HttpResponse<InputStream> r = pending.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      try (InputStream in = r.body()) {
        String body = r.statusCode() == 200 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Answer.Response(r.statusCode(), r.headers().map(), body);
      }
    } catch (TimeoutException e) {
      pending.cancel(true); // aborts the exchange and its connection
      return new Answer.Silence();
    } catch (ExecutionException | IOException e) {
      return new Answer.Failure(e.getCause() == null ? e.toString() : e.getCause().toString());
    }
  }

  private HttpRequest request(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return HttpRequest.newBuilder(URI.create(base + path)).method(method, publisher).timeout(TIMEOUT).build();
  }

  static KeyManager[] keyManagers(ClientCert client) throws GeneralSecurityException, IOException {
    if (client == null) {
      return new KeyManager[0];
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", client.key(), STORE_PASSWORD, new X509Certificate[] {client.certificate()});
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, STORE_PASSWORD);
    return f.getKeyManagers();
  }

  static TrustManager[] trusting(X509Certificate server)
      throws GeneralSecurityException, IOException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("server", server);
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(anchors);
    return f.getTrustManagers();
  }

  @Override
  public void close() {
    http.close();
  }
}
