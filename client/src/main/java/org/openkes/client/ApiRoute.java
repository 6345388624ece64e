package org.openkes.client;

import java.time.Duration;
import java.util.Objects;

/**
 * One route of the server's API, as {@code GET /v1/api} lists it.
 *
 * @param method e.g. {@code PUT}
 * @param path the route without argument, e.g. {@code /v1/key/create/}
 * @param maxBody the largest request body accepted, in bytes
 * @param timeout the route's timeout; zero for none (the log streams)
 */
public record ApiRoute(String method, String path, long maxBody, Duration timeout) {
  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
  }
}
