package org.openkes.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** {@link Transport#HTTP_CLIENT}: the JDK's {@code HttpClient}. */
final class HttpClientSender implements Sender {
  private final HttpClient http;
  private final Duration timeout; // per request; null for none

  HttpClientSender(SSLContext tls, HttpClient.Version version, Duration connectTimeout, Duration timeout) {
    this.http = HttpClient.newBuilder()
        .version(version)
        .sslContext(tls)
        .sslParameters(TlsContexts.parameters())
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER) // EndpointCaller follows them, as Go does
        .build();
    this.timeout = timeout;
  }

  @Override
  public Exchange send(Endpoint endpoint, URI uri, String method, byte[] body, ApiRequest request)
      throws TransportException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null && request.contentType() != null) {
      b.header("Content-Type", request.contentType());
    }
    if (request.accept() != null) {
      b.header("Accept", request.accept());
    }
    if (timeout != null) {
      b.timeout(timeout);
    }
    try {
      HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new Exchange(endpoint, uri, r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw TransportErrors.classify(endpoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TransportErrors.interrupted(endpoint, e);
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
