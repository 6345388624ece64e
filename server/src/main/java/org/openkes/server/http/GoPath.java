package org.openkes.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * URL path handling of Go's {@code net/http} as real KES sees it: the mux cleans the path
 * ({@code //}, {@code .}, {@code ..}) and redirects to the clean form; handlers and policies
 * see the percent-decoded path (kes-compat.md §1.1).
 */
final class GoPath {
  private GoPath() {}

  /** Go's {@code http.cleanPath}: {@code path.Clean}, keeping a trailing slash. */
  static String clean(String p) {
    if (p.isEmpty()) {
      return "/";
    }
    if (p.charAt(0) != '/') {
      p = "/" + p;
    }
    String np = pathClean(p);
    if (p.charAt(p.length() - 1) == '/' && !np.equals("/")) {
      np = np + "/";
    }
    return np;
  }

  /** Go's {@code path.Clean} for a rooted path. */
  static String pathClean(String p) {
    Deque<String> out = new ArrayDeque<>();
    for (String seg : p.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        out.pollLast(); // ".." at the root stays at the root
        continue;
      }
      out.addLast(seg);
    }
    return "/" + String.join("/", out);
  }

  /**
   * Go's {@code url.PathUnescape}: {@code %XX} decoded to bytes, read as UTF-8; {@code +} stays.
   * Empty if an escape is malformed (Go's server answers 400 before routing).
   */
  static Optional<String> unescape(String s) {
    return unescape(s, false);
  }

  /**
   * Like {@link #unescape(String)} but {@code %2F} stays as it is: Go's mux matches patterns
   * segment by segment, so an escaped slash never separates segments of a route path.
   */
  static Optional<String> unescapeForMatch(String s) {
    return unescape(s, true);
  }

  private static Optional<String> unescape(String s, boolean keepSlashEscape) {
    if (s.indexOf('%') < 0) {
      return Optional.of(s);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b != '%') {
        out.write(b);
        continue;
      }
      if (i + 2 >= raw.length) {
        return Optional.empty();
      }
      int hi = Character.digit(raw[i + 1], 16);
      int lo = Character.digit(raw[i + 2], 16);
      if (hi < 0 || lo < 0) {
        return Optional.empty();
      }
      int c = hi << 4 | lo;
      if (keepSlashEscape && c == '/') {
        out.write(raw, i, 3);
      } else {
        out.write(c);
      }
      i += 2;
    }
    return Optional.of(out.toString(StandardCharsets.UTF_8));
  }
}
