package org.openkes.client;

import java.nio.charset.StandardCharsets;

/**
 * Builds request paths as the SDK does: {@code path.Join(api, url.PathEscape(arg))}. So an empty
 * argument yields the route without its trailing slash (e.g. {@code /v1/key/list}), which real
 * KES answers with a 301 to {@code /v1/key/list/} that the client follows (kes-compat.md §1.1).
 */
final class ApiPath {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ApiPath() {}

  /**
   * {@code api + "/" + escape(arg)}, or {@code api} alone when {@code arg} is empty.
   *
   * @throws IllegalArgumentException for {@code .} and {@code ..}: Go's {@code path.Join} would
   *     turn them into a different route; no KES name can be either
   */
  static String join(String api, String arg) {
    if (arg.isEmpty()) {
      return api;
    }
    if (arg.equals(".") || arg.equals("..")) {
      throw new IllegalArgumentException("'" + arg + "' is not a valid KES name");
    }
    return api + "/" + escape(arg);
  }

  /** Go's {@code url.PathEscape}: percent-encodes every byte but unreserved and {@code $&+:=@}. */
  static String escape(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder(utf8.length);
    for (byte x : utf8) {
      int c = x & 0xff;
      if (isUnescaped(c)) {
        b.append((char) c);
      } else {
        b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
      }
    }
    return b.toString();
  }

  private static boolean isUnescaped(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-_.~$&+:=@".indexOf(c) >= 0;
  }
}
