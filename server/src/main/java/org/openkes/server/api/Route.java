package org.openkes.server.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One API route (kes-compat.md §1.4), like an entry of {@code /v1/api}.
 *
 * @param method the HTTP method ({@code PUT} routes also accept {@code POST})
 * @param path the exact path, or the prefix of a subtree route (ending in {@code /})
 * @param maxBody the most body bytes read
 * @param timeout after which the request is aborted; zero for none
 * @param auth how callers are authenticated
 * @param metered whether the request metrics count it (key, policy and identity APIs)
 * @param inline whether the handler may run on one of Jetty's I/O threads: it never waits where
 *     the request may not ({@link ApiRequest#mayWait()}), answering {@link ApiResponse.WouldWait}
 *     instead (the key operations, which wait only for a key that is not cached)
 * @param handler the logic
 */
public record Route(
    String method,
    String path,
    long maxBody,
    Duration timeout,
    Auth auth,
    boolean metered,
    boolean inline,
    ApiHandler handler) {

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(handler, "handler");
  }

  /** Whether this route takes an argument after its path. */
  public boolean isSubtree() {
    return path.endsWith("/");
  }

  /** Whether a request with {@code method} passes the method check (POST counts as PUT). */
  public boolean accepts(String requestMethod) {
    return method.equals(requestMethod) || (method.equals("PUT") && requestMethod.equals("POST"));
  }
}
