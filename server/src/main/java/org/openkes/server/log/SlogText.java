package org.openkes.server.log;

import java.time.Instant;
import java.time.ZoneId;
import org.openkes.core.config.LogLevel;
import org.openkes.server.json.GoTime;

/**
 * One line in the format of Go's {@code slog.TextHandler}, which KES uses for its error and
 * audit logs: {@code time=<RFC 3339 millis> level=<L> msg=<m> key=value ...} (kes-compat.md
 * §7.2). Values are quoted only when Go would quote them.
 */
final class SlogText {
  private final StringBuilder sb = new StringBuilder(160);

  SlogText(Instant time, ZoneId zone, LogLevel level, String message) {
    sb.append("time=").append(GoTime.rfc3339Millis(time, zone));
    sb.append(" level=").append(level);
    attr("msg", message);
  }

  SlogText attr(String key, String value) {
    sb.append(' ').append(key).append('=');
    if (needsQuoting(value)) {
      quote(value);
    } else {
      sb.append(value);
    }
    return this;
  }

  SlogText attr(String key, long value) {
    sb.append(' ').append(key).append('=').append(value);
    return this;
  }

  /** The line without a trailing newline. */
  @Override
  public String toString() {
    return sb.toString();
  }

  /** Go's {@code slog} {@code needsQuoting}. */
  static boolean needsQuoting(String s) {
    if (s.isEmpty()) {
      return true;
    }
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c < 0x80) {
        if (c != '\\' && (c == ' ' || c == '=' || c == '"' || c < 0x20 || c == 0x7f)) {
          return true;
        }
      } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || !isPrint(c)) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  /** Go's {@code strconv.Quote}. */
  private void quote(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", c));
          } else if (c >= 0x80 && !isPrint(c)) {
            sb.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
          } else {
            sb.appendCodePoint(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean isPrint(int c) {
    if (c == ' ') {
      return true;
    }
    int type = Character.getType(c);
    return type != Character.CONTROL
        && type != Character.FORMAT
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.UNASSIGNED
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.SPACE_SEPARATOR;
  }
}
