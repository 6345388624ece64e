package org.openkes.server.api;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.openkes.core.identity.Identity;
import org.openkes.server.log.RequestInfo;

/**
 * An authenticated API request as a handler sees it.
 *
 * @param method the HTTP method as sent ({@code POST} where the route says {@code PUT})
 * @param path the decoded URL path, e.g. {@code /v1/key/create/my-key}
 * @param resource the path after the route prefix, e.g. {@code my-key} ({@code ""} for exact
 *     routes)
 * @param identity the caller ({@link Identity#UNKNOWN} on unauthenticated routes or when an
 *     identify-only route got no certificate)
 * @param remoteIp the client IP without port, {@code ::1} style for IPv6
 * @param received when the request arrived
 * @param receivedNanos {@link System#nanoTime()} when the request arrived, for durations
 * @param body the request body, limited to the route's max body
 * @param mayWait false when the request runs on one of Jetty's I/O threads, which must not
 *     wait: a handler that would (for a key that is not cached) answers {@link
 *     ApiResponse.WouldWait} instead, and is called again on a virtual thread
 */
public record ApiRequest(
    String method,
    String path,
    String resource,
    Identity identity,
    String remoteIp,
    Instant received,
    long receivedNanos,
    Body body,
    boolean mayWait) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(remoteIp, "remoteIp");
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(body, "body");
  }

  /** This request, allowed to wait (on a virtual thread). */
  public ApiRequest waiting() {
    return new ApiRequest(method, path, resource, identity, remoteIp, received, receivedNanos,
        body, true);
  }

  /** What the logs record about this request. */
  public RequestInfo info() {
    return new RequestInfo(method, path, remoteIp, identity.value());
  }

  /** The request body, read on demand (routes with max body 0 never read it). */
  public interface Body {
    /**
     * Whether the client announced a body: a positive Content-Length, or none at all (chunked,
     * HTTP/2 DATA frames). KES's generate reads the body only then.
     */
    boolean announced();

    /**
     * Reads the body up to the route's max body; a longer body is cut there, as Go's {@code
     * MaxBytesReader} does (there is no 413: the JSON decoder fails instead).
     */
    byte[] read() throws IOException;

    /** No body at all. */
    Body NONE =
        new Body() {
          @Override
          public boolean announced() {
            return false;
          }

          @Override
          public byte[] read() {
            return new byte[0];
          }
        };
  }
}
