package org.openkes.server.json;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Timestamps as Go's {@code time.Time.MarshalJSON} writes them: RFC 3339 with up to nine
 * fractional digits, trailing zeros of the fraction removed (the fraction dropped when zero),
 * {@code Z} for UTC and {@code +hh:mm} otherwise (kes-compat.md §1.2).
 */
public final class GoTime {
  private GoTime() {}

  /** {@code t} in UTC, e.g. {@code 2024-01-12T10:39:20.886816Z}. */
  public static String rfc3339Nano(Instant t) {
    return rfc3339Nano(t.atZone(ZoneOffset.UTC));
  }

  /** {@code t} in {@code zone} (policy and identity timestamps use the server's local zone). */
  public static String rfc3339Nano(Instant t, ZoneId zone) {
    return rfc3339Nano(t.atZone(zone));
  }

  public static String rfc3339Nano(ZonedDateTime t) {
    StringBuilder sb = new StringBuilder(35);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      // Go refuses to marshal such times; no KES timestamp is out of range in practice.
      throw new IllegalArgumentException("year outside of range [0,9999]");
    }
    pad(sb, year, 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    appendOffset(sb, t.getOffset().getTotalSeconds(), true);
    return sb.toString();
  }

  /** Go's {@code slog} text time: {@code 2006-01-02T15:04:05.000Z07:00} in the given zone. */
  public static String rfc3339Millis(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    StringBuilder sb = new StringBuilder(29);
    pad(sb, z.getYear(), 4).append('-');
    pad(sb, z.getMonthValue(), 2).append('-');
    pad(sb, z.getDayOfMonth(), 2).append('T');
    pad(sb, z.getHour(), 2).append(':');
    pad(sb, z.getMinute(), 2).append(':');
    pad(sb, z.getSecond(), 2).append('.');
    pad(sb, z.getNano() / 1_000_000, 3);
    appendOffset(sb, z.getOffset().getTotalSeconds(), true);
    return sb.toString();
  }

  private static void appendOffset(StringBuilder sb, int totalSeconds, boolean zulu) {
    if (totalSeconds == 0 && zulu) {
      sb.append('Z');
      return;
    }
    int abs = Math.abs(totalSeconds);
    sb.append(totalSeconds < 0 ? '-' : '+');
    pad(sb, abs / 3600, 2).append(':');
    pad(sb, abs / 60 % 60, 2);
  }

  private static StringBuilder pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
