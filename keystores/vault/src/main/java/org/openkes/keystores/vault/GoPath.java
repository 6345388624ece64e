package org.openkes.keystores.vault;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path.Join} and {@code path.Clean}. Real KES builds every Vault location with
 * {@code path.Join(engine, "data", prefix, name)}; computing it the same way guarantees that a
 * config with odd slashes ({@code prefix: /tenant//a/}) reaches the very entries real KES wrote.
 */
final class GoPath {
  private GoPath() {}

  /** Joins the non-empty elements with {@code /} and cleans the result; "" if all are empty. */
  static String join(String... elements) {
    StringBuilder b = new StringBuilder();
    for (String e : elements) {
      if (e == null || e.isEmpty()) {
        continue;
      }
      if (!b.isEmpty()) {
        b.append('/');
      }
      b.append(e);
    }
    return b.isEmpty() ? "" : clean(b.toString());
  }

  /** The shortest equivalent path: single slashes, no {@code .}, resolved {@code ..}. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    Deque<String> out = new ArrayDeque<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.addLast(".."); // a relative path keeps leading ..; a rooted one drops them
        }
        continue;
      }
      out.addLast(part);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
