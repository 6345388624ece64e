package org.openkes.client;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Hand-made {@link Exchange}s for unit tests that need no server. */
final class Exchanges {
  static final Endpoint ENDPOINT = Endpoint.parse("127.0.0.1:7373");

  private Exchanges() {}

  static Exchange of(int status, String contentType, String body) {
    return of(ENDPOINT, status, contentType, body);
  }

  static Exchange of(Endpoint endpoint, int status, String contentType, String body) {
    Map<String, List<String>> h = contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
    return new Exchange(endpoint, endpoint.resolve("/test"), status, h,
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }
}
