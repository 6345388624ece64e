package org.openkes.core.migrate;

/**
 * Go's {@code filepath.Match} on Unix, which real {@code kes migrate} applies to key names:
 * {@code *} any run of characters except {@code /}, {@code ?} one such character,
 * {@code [abc]}, {@code [a-z]}, {@code [^a-z]} classes, {@code \} escapes. Unlike real KES, a
 * malformed pattern is an error here (real KES silently matches nothing and reports success).
 */
public final class GoGlob {
  private final String pattern;

  private GoGlob(String pattern) {
    this.pattern = pattern;
  }

  /**
   * @throws IllegalArgumentException if the pattern is malformed (Go's ErrBadPattern)
   */
  public static GoGlob compile(String pattern) {
    GoGlob g = new GoGlob(pattern);
    // Go reports a bad pattern only when matching reaches it; we check the whole pattern once
    // by matching it against a string that forces every element to be parsed.
    g.validate();
    return g;
  }

  public String pattern() {
    return pattern;
  }

  /**
   * The longest literal prefix of the pattern: every matching name starts with it, so a
   * keystore listing can be narrowed to it.
   */
  public String literalPrefix() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[') {
        break;
      }
      if (c == '\\') {
        if (i + 1 >= pattern.length()) {
          break;
        }
        c = pattern.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  public boolean matches(String name) {
    return match(pattern, 0, name, 0);
  }

  private void validate() {
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 >= pattern.length()) {
          throw bad();
        }
        i += 2;
      } else if (c == '[') {
        i = classEnd(pattern, i);
        if (i < 0) {
          throw bad();
        }
      } else {
        i++;
      }
    }
  }

  private IllegalArgumentException bad() {
    return new IllegalArgumentException("syntax error in pattern '" + pattern + "'");
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      switch (c) {
        case '*' -> {
          while (pi < p.length() && p.charAt(pi) == '*') {
            pi++; // a run of stars is one star
          }
          if (pi == p.length()) {
            return s.indexOf('/', si) < 0;
          }
          for (int k = si; k <= s.length(); k++) {
            if (match(p, pi, s, k)) {
              return true;
            }
            if (k < s.length() && s.charAt(k) == '/') {
              return false;
            }
          }
          return false;
        }
        case '?' -> {
          if (si >= s.length() || s.charAt(si) == '/') {
            return false;
          }
          pi++;
          si++;
        }
        case '[' -> {
          if (si >= s.length()) {
            return false;
          }
          int end = classEnd(p, pi);
          if (!classMatches(p, pi + 1, end - 1, s.charAt(si))) {
            return false;
          }
          pi = end;
          si++;
        }
        case '\\' -> {
          pi++;
          if (si >= s.length() || s.charAt(si) != p.charAt(pi)) {
            return false;
          }
          pi++;
          si++;
        }
        default -> {
          if (si >= s.length() || s.charAt(si) != c) {
            return false;
          }
          pi++;
          si++;
        }
      }
    }
    return si == s.length();
  }

  /** Index just past the class starting at {@code start} ('['), or -1 if malformed. */
  private static int classEnd(String p, int start) {
    int i = start + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        return i + 1;
      }
      if (c == ']' && first) {
        return -1; // Go: an empty class is a bad pattern
      }
      first = false;
      // a class element: char, or lo-hi
      int lo = i;
      if (c == '\\') {
        if (++i >= p.length()) {
          return -1;
        }
      } else if (c == '-') {
        return -1; // Go rejects an unescaped '-' at the start of a range
      }
      i++;
      if (i < p.length() && p.charAt(i) == '-') {
        i++;
        if (i >= p.length()) {
          return -1;
        }
        char h = p.charAt(i);
        if (h == '\\') {
          if (++i >= p.length()) {
            return -1;
          }
        } else if (h == ']' || h == '-') {
          return -1;
        }
        i++;
      }
      if (lo >= i) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean classMatches(String p, int from, int closing, char ch) {
    int i = from;
    boolean negated = false;
    if (p.charAt(i) == '^') {
      negated = true;
      i++;
    }
    boolean matched = false;
    while (i < closing) {
      char lo = p.charAt(i);
      if (lo == '\\') {
        lo = p.charAt(++i);
      }
      i++;
      char hi = lo;
      if (i < closing && p.charAt(i) == '-') {
        i++;
        hi = p.charAt(i);
        if (hi == '\\') {
          hi = p.charAt(++i);
        }
        i++;
      }
      if (lo <= ch && ch <= hi) {
        matched = true;
      }
    }
    return matched != negated;
  }
}
