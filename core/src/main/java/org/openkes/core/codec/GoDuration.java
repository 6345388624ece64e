package org.openkes.core.codec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Durations exactly as Go's {@code time} package reads and prints them, because KES config files
 * use Go syntax ({@code 300ms}, {@code 1h30m}, {@code 1.5s}) and the server prints values the way
 * Go does ({@code 5m0s}).
 *
 * <p>{@link #parseNanos} mirrors {@code time.ParseDuration}: an optional sign, then one or more
 * {@code <number><unit>} groups where the number may have a fraction; units are {@code ns},
 * {@code us}, {@code µs} (U+00B5), {@code μs} (U+03BC), {@code ms}, {@code s}, {@code m}, {@code
 * h}; {@code 0} alone is allowed, any other number needs a unit. The range is that of Go's int64
 * nanoseconds (about ±292 years). Errors carry Go's texts, e.g. {@code time: invalid duration
 * "x"}, {@code time: missing unit in duration "300"}, {@code time: unknown unit "d" in duration
 * "1d"}.
 *
 * <p>{@link #format} mirrors {@code Duration.String()}.
 */
public final class GoDuration {
  private GoDuration() {}

  private static final long NANOSECOND = 1L;
  private static final long MICROSECOND = 1_000L;
  private static final long MILLISECOND = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  /** {@code 1<<63} as an unsigned 64-bit value; Go does the parsing arithmetic in uint64. */
  private static final long ONE_SHL_63 = Long.MIN_VALUE;

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", NANOSECOND,
          "us", MICROSECOND,
          "\u00b5s", MICROSECOND, // micro sign
          "\u03bcs", MICROSECOND, // Greek small letter mu
          "ms", MILLISECOND,
          "s", SECOND,
          "m", MINUTE,
          "h", HOUR);

  /**
   * Parses a Go duration.
   *
   * @throws IllegalArgumentException with Go's error text if {@code s} is not a valid duration
   */
  public static Duration parse(String s) {
    return Duration.ofNanos(parseNanos(s));
  }

  /**
   * Parses a Go duration into nanoseconds.
   *
   * @throws IllegalArgumentException with Go's error text if {@code s} is not a valid duration
   */
  public static long parseNanos(String orig) {
    // Go works on the UTF-8 bytes; units are any run of bytes that are neither digits nor '.'.
    byte[] b = orig.getBytes(StandardCharsets.UTF_8);
    int n = b.length;
    int i = 0;
    boolean neg = false;
    if (n > 0 && (b[0] == '-' || b[0] == '+')) {
      neg = b[0] == '-';
      i++;
    }
    if (n - i == 1 && b[i] == '0') {
      return 0; // "0" (with optional sign) is the only unit-less duration
    }
    if (i == n) {
      throw invalid(orig);
    }
    long d = 0; // unsigned
    while (i < n) {
      if (!(b[i] == '.' || isDigit(b[i]))) {
        throw invalid(orig);
      }
      // Consume [0-9]*
      int start = i;
      long v = 0; // unsigned
      while (i < n && isDigit(b[i])) {
        if (Long.compareUnsigned(v, Long.divideUnsigned(ONE_SHL_63, 10)) > 0) {
          throw invalid(orig); // overflow
        }
        v = v * 10 + (b[i] - '0');
        if (Long.compareUnsigned(v, ONE_SHL_63) > 0) {
          throw invalid(orig); // overflow
        }
        i++;
      }
      boolean pre = i != start;

      // Consume (\.[0-9]*)?
      long f = 0; // unsigned
      double scale = 1;
      boolean post = false;
      if (i < n && b[i] == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        while (i < n && isDigit(b[i])) {
          int digit = b[i] - '0';
          i++;
          if (overflow) {
            continue; // precision beyond 63 bits is dropped, as in Go
          }
          if (Long.compareUnsigned(f, Long.divideUnsigned(ONE_SHL_63 - 1, 10)) > 0) {
            overflow = true;
            continue;
          }
          long y = f * 10 + digit;
          if (Long.compareUnsigned(y, ONE_SHL_63) > 0) {
            overflow = true;
            continue;
          }
          f = y;
          scale *= 10;
        }
        post = i != fracStart;
      }
      if (!pre && !post) {
        throw invalid(orig); // no digits, e.g. ".s" or "-.s"
      }

      // Consume unit.
      int unitStart = i;
      while (i < n && !(b[i] == '.' || isDigit(b[i]))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
      }
      String u = new String(b, unitStart, i - unitStart, StandardCharsets.UTF_8);
      Long unit = UNITS.get(u);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + quote(u) + " in duration " + quote(orig));
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(ONE_SHL_63, unit)) > 0) {
        throw invalid(orig); // overflow
      }
      v *= unit;
      if (f != 0) {
        // Go uses float64 here to be nanosecond-accurate for fractions of hours.
        v += (long) (unsignedToDouble(f) * ((double) unit / scale));
        if (Long.compareUnsigned(v, ONE_SHL_63) > 0) {
          throw invalid(orig); // overflow
        }
      }
      d += v;
      if (Long.compareUnsigned(d, ONE_SHL_63) > 0) {
        throw invalid(orig);
      }
    }
    if (neg) {
      return -d; // -(1<<63) is Long.MIN_VALUE, the one value only a negative duration reaches
    }
    if (Long.compareUnsigned(d, ONE_SHL_63 - 1) > 0) {
      throw invalid(orig);
    }
    return d;
  }

  /**
   * Formats like Go's {@code Duration.String()}: {@code 0s}, {@code 1.5s}, {@code 300ms}, {@code
   * 5m0s}, {@code 1h30m0s}, {@code -1s}.
   *
   * @throws ArithmeticException if {@code d} does not fit Go's int64 nanoseconds
   */
  public static String format(Duration d) {
    return format(d.toNanos());
  }

  /** Formats nanoseconds like Go's {@code Duration.String()}. */
  public static String format(long nanos) {
    // Built backwards into a buffer, as Go does; the longest output is
    // "-2562047h47m16.854775808s" (25 bytes).
    char[] buf = new char[32];
    int w = buf.length;
    long u = nanos;
    boolean neg = nanos < 0;
    if (neg) {
      u = -u; // Long.MIN_VALUE stays itself and is read as unsigned 2^63 below
    }
    if (Long.compareUnsigned(u, SECOND) < 0) {
      // Less than a second: use a smaller unit, like 1.2ms.
      int prec;
      buf[--w] = 's';
      w--;
      if (u == 0) {
        buf[w] = '0';
        return new String(buf, w, buf.length - w);
      } else if (u < MICROSECOND) {
        prec = 0;
        buf[w] = 'n';
      } else if (u < MILLISECOND) {
        prec = 3;
        buf[w] = '\u00b5'; // Go prints the micro sign U+00B5
      } else {
        prec = 6;
        buf[w] = 'm';
      }
      long[] state = {w, u};
      fmtFrac(buf, state, prec);
      w = fmtInt(buf, (int) state[0], state[1]);
    } else {
      buf[--w] = 's';
      long[] state = {w, u};
      fmtFrac(buf, state, 9);
      w = (int) state[0];
      u = state[1]; // integer seconds
      w = fmtInt(buf, w, Long.remainderUnsigned(u, 60));
      u = Long.divideUnsigned(u, 60); // integer minutes
      if (u != 0) {
        buf[--w] = 'm';
        w = fmtInt(buf, w, u % 60);
        u /= 60; // integer hours; Go stops at hours because days vary in length
        if (u != 0) {
          buf[--w] = 'h';
          w = fmtInt(buf, w, u);
        }
      }
    }
    if (neg) {
      buf[--w] = '-';
    }
    return new String(buf, w, buf.length - w);
  }

  /**
   * Writes the fraction of v/10^prec (".12345") before position state[0], without trailing zeros
   * and without the point when the fraction is zero; leaves the new position in state[0] and
   * v/10^prec in state[1].
   */
  private static void fmtFrac(char[] buf, long[] state, int prec) {
    int w = (int) state[0];
    long v = state[1];
    boolean print = false;
    for (int i = 0; i < prec; i++) {
      long digit = Long.remainderUnsigned(v, 10);
      print = print || digit != 0;
      if (print) {
        buf[--w] = (char) ('0' + digit);
      }
      v = Long.divideUnsigned(v, 10);
    }
    if (print) {
      buf[--w] = '.';
    }
    state[0] = w;
    state[1] = v;
  }

  /** Writes the unsigned decimal v before position w and returns the new position. */
  private static int fmtInt(char[] buf, int w, long v) {
    if (v == 0) {
      buf[--w] = '0';
      return w;
    }
    while (v != 0) {
      buf[--w] = (char) ('0' + Long.remainderUnsigned(v, 10));
      v = Long.divideUnsigned(v, 10);
    }
    return w;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** Go's float64(uint64) conversion for values that may exceed Long.MAX_VALUE. */
  private static double unsignedToDouble(long v) {
    if (v >= 0) {
      return (double) v;
    }
    // Halve (keeping the lowest bit so rounding stays correct), convert, double.
    return ((double) ((v >>> 1) | (v & 1))) * 2.0;
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration " + quote(orig));
  }

  /**
   * The quoting of Go's time package (not strconv.Quote): printable ASCII as is with {@code "}
   * and {@code \} escaped, every byte of any other character as {@code \xNN}.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            c -> {
              if (c < ' ' || c >= 0x80) {
                for (byte x : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                  sb.append("\\x").append(Character.forDigit((x >> 4) & 0xF, 16));
                  sb.append(Character.forDigit(x & 0xF, 16));
                }
              } else {
                if (c == '"' || c == '\\') {
                  sb.append('\\');
                }
                sb.append((char) c);
              }
            });
    return sb.append('"').toString();
  }
}
