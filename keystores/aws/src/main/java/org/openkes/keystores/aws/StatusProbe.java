package org.openkes.keystores.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.openkes.core.keystore.KeyStoreException;

/**
 * Real KES's status check for AWS: a plain, unauthenticated {@code GET} of the endpoint. Any
 * HTTP answer means reachable (Secrets Manager answers such a request with an error, which is
 * fine); only a transport failure is {@link KeyStoreException.Unreachable}. It needs no
 * credentials and no permission, so it says nothing about them.
 */
final class StatusProbe implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final String display;
  private final HttpClient http;

  StatusProbe(URI endpoint, String display) {
    this.endpoint = endpoint;
    this.display = display;
    // Go's http.DefaultClient follows redirects; so do we.
    this.http = HttpClient.newBuilder()
        .connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  Duration check() throws KeyStoreException {
    HttpRequest request = HttpRequest.newBuilder(endpoint).GET().timeout(TIMEOUT).build();
    long start = System.nanoTime();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new KeyStoreException.Unreachable("AWS Secrets Manager at " + display + " is not reachable ("
          + reason(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyStoreException.Unreachable("interrupted while checking AWS Secrets Manager at " + display, e);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * "ConnectException: Connection refused": the JDK client often throws an exception without
   * a message whose cause has one.
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return e.getClass().getSimpleName() + ": " + AwsErrors.firstSentence(t.getMessage());
      }
    }
    if (e instanceof java.net.ConnectException) {
      return "ConnectException: the connection was refused or could not be made";
    }
    return e.getClass().getSimpleName();
  }

  @Override
  public void close() {
    http.close();
  }
}
