package org.openkes.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A KES server address: an {@code https} URI with host, optional port (443 when absent) and
 * optional base path. Built from the text forms users give, normalised as the {@code kes} CLI does
 * (kes-compat.md §8.2): trimmed, {@code http://} dropped, {@code https://} added when missing.
 *
 * @param uri the normalised base URI, without a trailing slash
 */
public record Endpoint(URI uri) {
  public Endpoint {
    Objects.requireNonNull(uri, "uri");
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an https endpoint with a host: " + uri);
    }
  }

  /**
   * Parses one endpoint, e.g. {@code 127.0.0.1:7373}, {@code https://kes.example.net},
   * {@code http://10.0.0.1:7373} (the scheme is replaced: KES only speaks HTTPS).
   *
   * @throws IllegalArgumentException if the text is empty or not a host[:port][/path]
   */
  public static Endpoint parse(String text) {
    String s = text.strip();
    if (s.startsWith("http://")) {
      s = s.substring("http://".length());
    }
    if (!s.startsWith("https://")) {
      if (s.contains("://")) {
        throw new IllegalArgumentException(
            "invalid KES endpoint '" + text.strip() + "': KES speaks HTTPS only");
      }
      s = "https://" + s;
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1); // the SDK trims one; paths are joined after it
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid KES endpoint '" + text.strip() + "': " + e.getReason());
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "invalid KES endpoint '" + text.strip() + "': expected host[:port], e.g. 127.0.0.1:7373");
    }
    return new Endpoint(uri);
  }

  /**
   * Parses a comma-separated list, the form of {@code KES_SERVER} and {@code --server}.
   *
   * @throws IllegalArgumentException if an entry is empty or invalid
   */
  public static List<Endpoint> parseList(String text) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        throw new IllegalArgumentException("empty entry in the KES endpoint list '" + text + "'");
      }
      endpoints.add(parse(part));
    }
    return List.copyOf(endpoints);
  }

  /** The host as in the URI, without IPv6 brackets. */
  public String host() {
    String h = uri.getHost();
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  /** The URI of an API path (which starts with {@code /} and is already escaped). */
  URI resolve(String escapedPath) {
    return URI.create(uri.toString() + escapedPath);
  }

  /** Whether {@code u} points at this endpoint's scheme, host and port. */
  boolean sameOrigin(URI u) {
    return "https".equalsIgnoreCase(u.getScheme())
        && uri.getHost().equalsIgnoreCase(u.getHost())
        && effectivePort(uri) == effectivePort(u);
  }

  private static int effectivePort(URI u) {
    return u.getPort() == -1 ? 443 : u.getPort();
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
