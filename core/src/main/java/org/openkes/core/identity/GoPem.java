package org.openkes.core.identity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code encoding/pem}, reproduced rule for rule because KES's file handling is defined by
 * it: text before, between and after blocks is skipped while searching for {@code -----BEGIN },
 * a block whose base64 does not decode is silently skipped, {@code Key: Value} lines after the
 * BEGIN line are headers (that is where RFC 1423's {@code DEK-Info} lives). BouncyCastle's
 * PemReader differs on several of these points, so it is not used for reading.
 */
final class GoPem {
  private static final byte[] PEM_START = ascii("\n-----BEGIN ");
  private static final byte[] PEM_END = ascii("\n-----END ");
  private static final byte[] PEM_END_OF_LINE = ascii("-----");
  private static final int LINE_LENGTH = 64;

  private GoPem() {}

  /** One PEM block. Headers keep Go's map semantics (last duplicate wins). */
  record Block(String type, Map<String, String> headers, byte[] bytes) {
    Block {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    @Override
    public String toString() {
      // Blocks routinely carry private keys.
      return "Block[" + type + ", " + bytes.length + " bytes]";
    }
  }

  /** Result of {@link #decode}: the block, or null, and the unconsumed input. */
  record Decoded(Block block, byte[] rest) {}

  /** Go's {@code pem.Decode}. */
  static Decoded decode(byte[] data) {
    byte[] rest = data;
    while (true) {
      if (startsWith(rest, 0, PEM_START, 1)) {
        rest = tail(rest, PEM_START.length - 1);
      } else {
        int at = indexOf(rest, PEM_START, 0);
        if (at < 0) {
          return new Decoded(null, data);
        }
        rest = tail(rest, at + PEM_START.length);
      }

      Line typeLine = getLine(rest);
      rest = typeLine.rest;
      byte[] type = typeLine.line;
      if (!endsWith(type, PEM_END_OF_LINE)) {
        continue;
      }
      type = Arrays.copyOf(type, type.length - PEM_END_OF_LINE.length);

      Map<String, String> headers = new LinkedHashMap<>();
      boolean truncated = false;
      while (true) {
        if (rest.length == 0) {
          truncated = true;
          break;
        }
        Line line = getLine(rest);
        int colon = indexOf(line.line, new byte[] {':'}, 0);
        if (colon < 0) {
          break;
        }
        String key = utf8(trimSpace(Arrays.copyOfRange(line.line, 0, colon)));
        String value = utf8(trimSpace(tail(line.line, colon + 1)));
        headers.put(key, value);
        rest = line.rest;
      }
      if (truncated) {
        return new Decoded(null, data);
      }

      int endIndex;
      int endTrailerIndex;
      // Without headers the END line may follow immediately, without a leading newline.
      if (headers.isEmpty() && startsWith(rest, 0, PEM_END, 1)) {
        endIndex = 0;
        endTrailerIndex = PEM_END.length - 1;
      } else {
        endIndex = indexOf(rest, PEM_END, 0);
        endTrailerIndex = endIndex + PEM_END.length;
      }
      if (endIndex < 0) {
        continue;
      }

      byte[] endTrailer = tail(rest, endTrailerIndex);
      int endTrailerLen = type.length + PEM_END_OF_LINE.length;
      if (endTrailer.length < endTrailerLen) {
        continue;
      }
      byte[] restOfEndLine = tail(endTrailer, endTrailerLen);
      endTrailer = Arrays.copyOf(endTrailer, endTrailerLen);
      if (!startsWith(endTrailer, 0, type, 0) || !endsWith(endTrailer, PEM_END_OF_LINE)) {
        continue;
      }
      if (getLine(restOfEndLine).line.length != 0) {
        continue; // the END line must end with only whitespace
      }

      byte[] base64 = removeSpacesAndTabs(Arrays.copyOf(rest, endIndex));
      if (!(GoStdBase64.decode(base64) instanceof GoStdBase64.Decoded decoded)) {
        continue; // a block that does not decode is skipped, not reported
      }
      Line after = getLine(tail(rest, endIndex + PEM_END.length - 1));
      return new Decoded(new Block(utf8(type), headers, decoded.bytes()), after.rest);
    }
  }

  /** Go's {@code pem.EncodeToMemory}: Proc-Type first, other headers sorted, 64 columns. */
  static String encode(String type, Map<String, String> headers, byte[] bytes) {
    StringBuilder out = new StringBuilder();
    out.append("-----BEGIN ").append(type).append("-----\n");
    if (!headers.isEmpty()) {
      String procType = headers.get("Proc-Type");
      if (procType != null) {
        out.append("Proc-Type: ").append(procType).append('\n');
      }
      for (Map.Entry<String, String> h : new TreeMap<>(headers).entrySet()) {
        if (!h.getKey().equals("Proc-Type")) {
          out.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
        }
      }
      out.append('\n');
    }
    String b64 = Base64.getEncoder().encodeToString(bytes);
    for (int i = 0; i < b64.length(); i += LINE_LENGTH) {
      out.append(b64, i, Math.min(b64.length(), i + LINE_LENGTH)).append('\n');
    }
    out.append("-----END ").append(type).append("-----\n");
    return out.toString();
  }

  /**
   * Go's {@code bytes.TrimSpace}: ASCII white space plus the Unicode white space characters Go's
   * {@code unicode.IsSpace} knows, matched on their UTF-8 encodings.
   */
  static byte[] trimSpace(byte[] b) {
    int start = 0;
    int end = b.length;
    while (start < end) {
      int n = spaceAt(b, start, end);
      if (n == 0) {
        break;
      }
      start += n;
    }
    while (end > start) {
      int n = spaceEndingAt(b, start, end);
      if (n == 0) {
        break;
      }
      end -= n;
    }
    return Arrays.copyOfRange(b, start, end);
  }

  private static final byte[][] UNICODE_SPACES = {
    {(byte) 0xC2, (byte) 0x85}, // U+0085
    {(byte) 0xC2, (byte) 0xA0}, // U+00A0
    {(byte) 0xE1, (byte) 0x9A, (byte) 0x80}, // U+1680
    {(byte) 0xE2, (byte) 0x80, (byte) 0xA8}, // U+2028
    {(byte) 0xE2, (byte) 0x80, (byte) 0xA9}, // U+2029
    {(byte) 0xE2, (byte) 0x80, (byte) 0xAF}, // U+202F
    {(byte) 0xE2, (byte) 0x81, (byte) 0x9F}, // U+205F
    {(byte) 0xE3, (byte) 0x80, (byte) 0x80}, // U+3000
  };

  private static boolean asciiSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** Length of the white-space character starting at {@code i}, or 0. */
  private static int spaceAt(byte[] b, int i, int end) {
    if (asciiSpace(b[i])) {
      return 1;
    }
    for (byte[] s : UNICODE_SPACES) {
      if (end - i >= s.length && Arrays.equals(b, i, i + s.length, s, 0, s.length)) {
        return s.length;
      }
    }
    // U+2000..U+200A: E2 80 80..8A
    if (end - i >= 3
        && b[i] == (byte) 0xE2
        && b[i + 1] == (byte) 0x80
        && (b[i + 2] & 0xff) >= 0x80
        && (b[i + 2] & 0xff) <= 0x8A) {
      return 3;
    }
    return 0;
  }

  /** Length of the white-space character ending just before {@code end}, or 0. */
  private static int spaceEndingAt(byte[] b, int start, int end) {
    if (asciiSpace(b[end - 1])) {
      return 1;
    }
    for (int len = 2; len <= 3; len++) {
      if (end - start >= len && spaceAt(b, end - len, end) == len) {
        return len;
      }
    }
    return 0;
  }

  private record Line(byte[] line, byte[] rest) {}

  /** Go's {@code getLine}: up to LF (CR LF tolerated), trailing spaces and tabs trimmed. */
  private static Line getLine(byte[] data) {
    int i = indexOf(data, new byte[] {'\n'}, 0);
    int j;
    if (i < 0) {
      i = data.length;
      j = i;
    } else {
      j = i + 1;
      if (i > 0 && data[i - 1] == '\r') {
        i--;
      }
    }
    int k = i;
    while (k > 0 && (data[k - 1] == ' ' || data[k - 1] == '\t')) {
      k--;
    }
    return new Line(Arrays.copyOf(data, k), tail(data, j));
  }

  private static byte[] removeSpacesAndTabs(byte[] data) {
    byte[] out = new byte[data.length];
    int n = 0;
    for (byte b : data) {
      if (b != ' ' && b != '\t') {
        out[n++] = b;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static byte[] tail(byte[] b, int from) {
    return Arrays.copyOfRange(b, from, b.length);
  }

  /** Whether {@code b} at {@code at} starts with {@code prefix[from:]}. */
  private static boolean startsWith(byte[] b, int at, byte[] prefix, int from) {
    int len = prefix.length - from;
    return b.length - at >= len && Arrays.equals(b, at, at + len, prefix, from, prefix.length);
  }

  private static boolean endsWith(byte[] b, byte[] suffix) {
    return b.length >= suffix.length && startsWith(b, b.length - suffix.length, suffix, 0);
  }

  private static int indexOf(byte[] b, byte[] needle, int from) {
    outer:
    for (int i = from; i <= b.length - needle.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (b[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
