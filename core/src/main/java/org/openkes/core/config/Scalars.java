package org.openkes.core.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.openkes.core.codec.GoDuration;
import org.openkes.core.config.ConfigTree.Kind;
import org.openkes.core.config.ConfigTree.Scalar;

/**
 * How one scalar becomes a string, boolean or duration, and how {@code ${VAR}} references are
 * recognised (kes-compat.md §4.1). Conversion failures throw {@link IllegalArgumentException}
 * carrying only the reason; the section adds the field name and location.
 */
final class Scalars {
  private Scalars() {}

  // yaml.v3 decodes these *strings* into a bool (YAML 1.1 compatibility); "true"/"false" only
  // arrive as YAML booleans. We also take true/false as strings, so that ${VAR} with VAR=true
  // works (kes-compat.md §10 item 9) and a quoted "true" is not a surprise.
  private static final Set<String> TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE");
  private static final Set<String> FALSE =
      Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE");

  /**
   * The variable name if the scalar is a whole-value env reference: after trimming, it starts
   * with "${" and ends with "}"; the name is the trimmed text in between. No partial
   * interpolation, no defaults: "pre-${X}" and "$X" are literals.
   */
  static Optional<String> envReference(String text) {
    String v = trimSpace(text);
    if (v.startsWith("${") && v.endsWith("}")) {
      return Optional.of(trimSpace(v.substring(2, v.length() - 1)));
    }
    return Optional.empty();
  }

  static boolean toBool(Scalar s) {
    if (s.kind() == Kind.BOOL || s.kind() == Kind.STRING) {
      if (TRUE.contains(s.text())) {
        return true;
      }
      if (FALSE.contains(s.text())) {
        return false;
      }
    }
    throw new IllegalArgumentException(
        "expected true or false (or yes/no, on/off), got '" + s.text() + "'");
  }

  static Duration toDuration(Scalar s) {
    if (s.kind() == Kind.INT) {
      // yaml.v3 never turns a YAML integer into a time.Duration, not even 0, so real KES rejects
      // "timeout: 300" and "timeout: 0". Go's parser explains the first; 0 needs our own words.
      GoDuration.parse(s.text());
      throw new IllegalArgumentException(
          "a bare " + s.text() + " is a number, not a duration: write e.g. '0s'");
    }
    return GoDuration.parse(s.text()); // strings; floats and booleans get Go's error text
  }

  /** Go's {@code strings.TrimSpace}: Unicode white space, including NEL and NBSP. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isGoSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000b', '\f', '\r', ' ', '\u0085', '\u00a0' -> true;
      default -> c > 0xff && Character.isSpaceChar(c);
    };
  }

  /**
   * Go's {@code strconv.Quote} for the texts that end up in messages: escapes quotes,
   * backslashes and control characters; printable Unicode stays as is.
   */
  static String goQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                  if (c < ' ' || c == 0x7f) {
                    sb.append(String.format("\\x%02x", c));
                  } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                    sb.append(c <= 0xffff ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
                  } else {
                    sb.appendCodePoint(c);
                  }
                }
              }
            });
    return sb.append('"').toString();
  }
}
