package org.openkes.server.log;

import java.util.Objects;

/**
 * What the logs say about a request: KES attaches {@code req.method}, {@code req.path},
 * {@code req.ip} and {@code req.identity} to every record about one.
 *
 * @param identity the caller's identity, {@code ""} when unknown
 */
public record RequestInfo(String method, String path, String ip, String identity) {
  public RequestInfo {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(identity, "identity");
  }
}
