package org.openkes.core.config;

/**
 * A log level as KES's {@code log.error} / {@code log.audit} settings mean it (Go {@code
 * log/slog} levels, kes-compat.md §4.6): records below the level are neither printed nor sent to
 * {@code /v1/log/*} subscribers.
 *
 * <p>Go levels are 64-bit ints; we keep an int and saturate, which changes nothing for any level
 * a person would write (the built-in levels are -4..9).
 */
public record LogLevel(int value) implements Comparable<LogLevel> {
  public static final LogLevel DEBUG = new LogLevel(-4);
  public static final LogLevel INFO = new LogLevel(0);
  public static final LogLevel WARN = new LogLevel(4);
  public static final LogLevel ERROR = new LogLevel(8);

  /** What {@code off} means: above ERROR, so nothing is logged. */
  public static final LogLevel OFF = new LogLevel(9);

  /**
   * Parses a level as KES does: trimmed and upper-cased; {@code ""} and {@code ON} are INFO,
   * {@code OFF} is ERROR+1; {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}, each
   * optionally followed by {@code +<n>}; otherwise a plain integer.
   *
   * @throws ConfigException with KES's message: {@code kesconf: invalid log level '<v>'}, {@code
   *     kesconf: invalid log level suffix '<s>': strconv.Atoi: ...}, or for anything else the
   *     bare integer-parse error {@code strconv.Atoi: parsing "<v>": invalid syntax}
   */
  public static LogLevel parse(String level) throws ConfigException {
    String s = Scalars.trimSpace(toUpper(level));
    if (s.isEmpty() || s.equals("ON")) {
      return INFO;
    }
    if (s.equals("OFF")) {
      return OFF;
    }
    // Go tests the prefixes in this order, so "WARNING" is an invalid WARN, not an integer.
    for (LogLevel base : new LogLevel[] {DEBUG, INFO, WARN, ERROR}) {
      String name = base.toString();
      if (s.startsWith(name)) {
        return s.equals(name) ? base : withOffset(s, base);
      }
    }
    try {
      return new LogLevel(saturate(atoi(s)));
    } catch (NumberFormatException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static LogLevel withOffset(String s, LogLevel base) throws ConfigException {
    int plus = s.indexOf('+');
    if (plus < 0 || !Scalars.trimSpace(s.substring(0, plus)).equals(base.toString())) {
      // Also "INFO-2": negative offsets are only reachable as "INFO+-2", as in Go.
      throw new ConfigException("kesconf: invalid log level '" + s + "'");
    }
    String suffix = s.substring(plus + 1);
    long n;
    try {
      n = atoi(suffix);
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "kesconf: invalid log level suffix '" + suffix + "': " + e.getMessage());
    }
    try {
      return new LogLevel(saturate(Math.addExact(base.value, n)));
    } catch (ArithmeticException e) {
      // Go's int64 addition would wrap around; saturating keeps "ERROR+<huge>" meaning "off".
      return new LogLevel(n > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE);
    }
  }

  /** Whether a record at {@code recordLevel} passes this threshold. */
  public boolean enables(LogLevel recordLevel) {
    return recordLevel.value >= value;
  }

  @Override
  public int compareTo(LogLevel o) {
    return Integer.compare(value, o.value);
  }

  /** Go's {@code slog.Level.String()}: {@code INFO}, {@code INFO+2}, {@code DEBUG-1}, {@code ERROR+1}. */
  @Override
  public String toString() {
    long l = value;
    if (l < 0) {
      return name("DEBUG", l + 4);
    } else if (l < 4) {
      return name("INFO", l);
    } else if (l < 8) {
      return name("WARN", l - 4);
    }
    return name("ERROR", l - 8);
  }

  private static String name(String base, long offset) {
    return offset == 0 ? base : base + (offset > 0 ? "+" : "") + offset;
  }

  /**
   * Go's {@code strconv.Atoi} on a 64-bit platform: optional sign, decimal digits only; errors
   * read {@code strconv.Atoi: parsing "<s>": invalid syntax} or {@code ...: value out of range}.
   */
  static long atoi(String s) {
    int i = 0;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      neg = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      throw atoiError(s, "invalid syntax");
    }
    long n = 0; // unsigned magnitude
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw atoiError(s, "invalid syntax");
      }
      if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, 10)) > 0) {
        throw atoiError(s, "value out of range");
      }
      long next = n * 10 + (c - '0');
      if (Long.compareUnsigned(next, n * 10) < 0) {
        throw atoiError(s, "value out of range");
      }
      n = next;
    }
    if (!neg && Long.compareUnsigned(n, Long.MIN_VALUE) >= 0) {
      throw atoiError(s, "value out of range");
    }
    if (neg && Long.compareUnsigned(n, Long.MIN_VALUE) > 0) {
      throw atoiError(s, "value out of range");
    }
    return neg ? -n : n;
  }

  private static NumberFormatException atoiError(String s, String why) {
    return new NumberFormatException("strconv.Atoi: parsing " + Scalars.goQuote(s) + ": " + why);
  }

  private static int saturate(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  /** Go's {@code strings.ToUpper}: simple per-character case mapping, no locale. */
  private static String toUpper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> sb.appendCodePoint(Character.toUpperCase(c)));
    return sb.toString();
  }
}
