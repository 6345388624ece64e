package org.openkes.client;

import java.net.URI;
import java.util.random.RandomGenerator;

/**
 * Sends one request to one endpoint the way the SDK's {@code retry.Do} over Go's {@code
 * http.Client} does: redirects are followed (the 301 KES answers for a list route without its
 * trailing slash), and a network error or {@code 503} is retried per the {@link RetryPolicy}.
 */
final class EndpointCaller {
  /** Go's {@code http.Client} gives up after 10 redirects. */
  static final int MAX_REDIRECTS = 10;

  private final Sender sender;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  EndpointCaller(Sender sender, RetryPolicy retry, Sleeper sleeper, RandomGenerator random) {
    this.sender = sender;
    this.retry = retry;
    this.sleeper = sleeper;
    this.random = random;
  }

  /**
   * The response to {@code request} from {@code endpoint}, after redirects and retries: any
   * status, with the body unread.
   *
   * @throws TransportException when the last attempt got no response
   * @throws ResponseFormatException for a redirect loop or a redirect to another server
   */
  Exchange call(Endpoint endpoint, ApiRequest request) throws KesException {
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= retry.retries();
      Exchange e;
      try {
        e = followRedirects(endpoint, request);
      } catch (TransportException t) {
        if (last || !t.retryable()) {
          throw t;
        }
        pause(endpoint);
        continue;
      }
      if (e.status() == 503 && !last) {
        e.close();
        pause(endpoint);
        continue;
      }
      return e;
    }
  }

  private Exchange followRedirects(Endpoint endpoint, ApiRequest request) throws KesException {
    URI uri = endpoint.resolve(request.path());
    String method = request.method();
    byte[] body = request.body();
    for (int redirects = 0; ; redirects++) {
      Exchange e = sender.send(endpoint, uri, method, body, request);
      String location = e.header("Location");
      if (!isRedirect(e.status()) || location.isEmpty()) {
        return e;
      }
      e.close();
      if (redirects == MAX_REDIRECTS) {
        throw new ResponseFormatException("kes: " + uri + ": stopped after " + MAX_REDIRECTS + " redirects");
      }
      URI next = uri.resolve(location);
      if (!endpoint.sameOrigin(next)) {
        // Go would follow; a key server that sends us elsewhere is misconfigured or hostile.
        throw new ResponseFormatException(
            "kes: " + uri + " redirected to another server (" + next + "); not followed");
      }
      if (e.status() != 307 && e.status() != 308) {
        method = method.equals("HEAD") ? method : "GET"; // Go: 301/302/303 become GET, no body
        body = null;
      }
      uri = next;
    }
  }

  private void pause(Endpoint endpoint) throws TransportException {
    try {
      sleeper.sleep(retry.delay(random));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TransportErrors.interrupted(endpoint, e);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }
}
