package org.openkes.server.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openkes.core.codec.GoBase64;

/**
 * JSON output as Go's {@code encoding/json} writes it (kes-compat.md §1.2): members in the
 * order they are added, byte strings as padded standard base64, {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped, invalid UTF-16 replaced by U+FFFD. Clients do not depend on the
 * escaping, but error messages echo user input and byte-identical bodies make diffs against real
 * KES trivial.
 *
 * <p>Values are {@link String}, {@code byte[]}, {@link Long}/{@link Integer}, {@link Boolean},
 * {@link Obj}, a {@link List} of those, or {@link Raw} (an already encoded value).
 */
public final class GoJson {
  private GoJson() {}

  /** An object whose members keep insertion order. Build with {@link #object()}. */
  public static final class Obj {
    private final List<Map.Entry<String, Object>> members = new ArrayList<>();

    private Obj() {}

    /** Adds a member. */
    public Obj put(String name, Object value) {
      members.add(Map.entry(Objects.requireNonNull(name), Objects.requireNonNull(value, name)));
      return this;
    }

    /** Adds a member unless {@code omit} (Go's {@code omitempty}). */
    public Obj putUnless(boolean omit, String name, Object value) {
      return omit ? this : put(name, value);
    }

    /** The document as Go's {@code json.Encoder.Encode} writes it: compact, then a newline. */
    public String encode() {
      StringBuilder sb = new StringBuilder();
      write(sb, this);
      return sb.append('\n').toString();
    }
  }

  /** A value that is already JSON text. */
  public record Raw(String json) {}

  public static Obj object() {
    return new Obj();
  }

  /** {@code value} as a document plus newline. */
  public static String encode(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.append('\n').toString();
  }

  /** Appends {@code value} as JSON. */
  public static void write(StringBuilder sb, Object value) {
    switch (value) {
      case String s -> quote(sb, s);
      case byte[] b -> quote(sb, GoBase64.encode(b));
      case Long l -> sb.append(l.longValue());
      case Integer i -> sb.append(i.intValue());
      case Boolean bool -> sb.append(bool.booleanValue());
      case Raw raw -> sb.append(raw.json());
      case Obj o -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> m : o.members) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          quote(sb, m.getKey());
          sb.append(':');
          write(sb, m.getValue());
        }
        sb.append('}');
      }
      case List<?> list -> {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, list.get(i));
        }
        sb.append(']');
      }
      default ->
          throw new IllegalArgumentException("no JSON encoding for " + value.getClass().getName());
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Go's {@code encoding/json} string encoding with HTML escaping (the default). */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    if (isPlain(s)) { // base64, names, hex: nearly every string KES writes
      sb.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append("\\ufffd"); // Go writes invalid UTF-8 as U+FFFD
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Printable ASCII that Go writes as it is (no quote, backslash or HTML character). */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
        return false;
      }
    }
    return true;
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
  }
}
