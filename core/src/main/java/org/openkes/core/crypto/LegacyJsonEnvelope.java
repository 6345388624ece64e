package org.openkes.core.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Optional;
import org.openkes.core.codec.GoBase64;

/**
 * Reads the JSON ciphertext envelope of KES ≤ v0.19 (kes-compat §6.5) the way KES does: with Go's
 * {@code json.Unmarshal} into
 *
 * <pre>{@code
 * struct { Algorithm string `json:"aead"`; ID string `json:"id"`;
 *          IV, Nonce, Bytes []byte `json:"iv"`, `json:"nonce"`, `json:"bytes"` }
 * }</pre>
 *
 * followed by the checks {@code aead ∈ {AES-256-GCM-HMAC-SHA-256, ChaCha20Poly1305}}, {@code
 * len(iv) == 16}, {@code len(nonce) == 12}.
 *
 * <p>This is a small hand-written reader rather than Jackson because the accepted language must be
 * Go's, byte for byte, on attacker-chosen input: the whole input must be one JSON value (only
 * whitespace may follow), invalid UTF-8 inside strings is tolerated, nesting may go 10 000 levels
 * deep (without recursion here), member names match case-insensitively with Go's folding,
 * duplicates overwrite, {@code null} leaves a string untouched and sets a byte slice to nil, and a
 * byte slice also accepts a JSON array of integers 0–255. Jackson differs on several of these
 * (encoding auto-detection, UTF-8 validation, depth and symbol-table limits). Every path is
 * linear in the input and ends in a result or {@link Optional#empty()}; nothing throws.
 */
final class LegacyJsonEnvelope {
  static final String AES_256_GCM_HMAC_SHA_256 = "AES-256-GCM-HMAC-SHA-256";
  static final String CHACHA20_POLY1305 = "ChaCha20Poly1305";

  /** Go's {@code encoding/json} scanner refuses deeper nesting. */
  static final int MAX_DEPTH = 10_000;

  private enum Field {
    AEAD,
    ID,
    IV,
    NONCE,
    BYTES
  }

  private final byte[] in;
  private int pos;

  // The Go struct being filled, starting at Go's zero values ("" and nil).
  private String aead = "";
  private byte[] iv;
  private byte[] nonce;
  private byte[] bytes;

  private LegacyJsonEnvelope(byte[] in) {
    this.in = in;
  }

  /** {@code sealed || iv || nonce} if KES accepts {@code text} as a JSON envelope. */
  static Optional<byte[]> parse(byte[] text) {
    var p = new LegacyJsonEnvelope(text);
    if (!p.document()) {
      return Optional.empty();
    }
    return p.envelope();
  }

  private boolean document() {
    skipWhitespace();
    if (!object()) { // any other top-level value fails to decode into a struct or is useless
      return false;
    }
    skipWhitespace();
    return pos == in.length; // json.Unmarshal rejects anything after the value
  }

  private Optional<byte[]> envelope() {
    if (!aead.equals(AES_256_GCM_HMAC_SHA_256) && !aead.equals(CHACHA20_POLY1305)) {
      return Optional.empty();
    }
    if (iv == null
        || iv.length != LegacyEnvelope.IV_SIZE
        || nonce == null
        || nonce.length != LegacyEnvelope.NONCE_SIZE) {
      return Optional.empty();
    }
    byte[] sealed = bytes == null ? new byte[0] : bytes;
    byte[] out = new byte[sealed.length + iv.length + nonce.length];
    System.arraycopy(sealed, 0, out, 0, sealed.length);
    System.arraycopy(iv, 0, out, sealed.length, iv.length);
    System.arraycopy(nonce, 0, out, sealed.length + iv.length, nonce.length);
    return Optional.of(out);
  }

  /** The top-level object: known members are decoded, the others validated and skipped. */
  private boolean object() {
    if (!consume('{')) {
      return false;
    }
    skipWhitespace();
    if (consume('}')) {
      return true;
    }
    while (true) {
      String name = string();
      if (name == null) {
        return false;
      }
      skipWhitespace();
      if (!consume(':')) {
        return false;
      }
      skipWhitespace();
      Field field = field(name);
      boolean ok;
      if (field == null) {
        ok = skipValue(1);
      } else {
        ok =
            switch (field) {
              case AEAD, ID -> stringMember(field);
              case IV, NONCE, BYTES -> bytesMember(field);
            };
      }
      if (!ok) {
        return false;
      }
      skipWhitespace();
      if (consume(',')) {
        skipWhitespace();
        continue;
      }
      return consume('}');
    }
  }

  /**
   * Go looks a member name up exactly, then case-insensitively; the five names here differ even
   * when folded, so the folded comparison alone decides.
   */
  private static Field field(String name) {
    return switch (foldName(name)) {
      case "AEAD" -> Field.AEAD;
      case "ID" -> Field.ID;
      case "IV" -> Field.IV;
      case "NONCE" -> Field.NONCE;
      case "BYTES" -> Field.BYTES;
      default -> null;
    };
  }

  /**
   * Go's {@code encoding/json} name folding (Go ≥ 1.21, {@code foldName}): ASCII letters are
   * upper-cased, every other rune becomes {@code ToUpper(ToLower(r))}. So U+017F 'ſ' folds to
   * 'S', U+212A KELVIN SIGN to 'K', and U+0130 'İ' and U+0131 'ı' to 'I'.
   */
  static String foldName(String name) {
    var sb = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x80) {
                sb.append((char) (cp >= 'a' && cp <= 'z' ? cp - ('a' - 'A') : cp));
              } else {
                sb.appendCodePoint(Character.toUpperCase(Character.toLowerCase(cp)));
              }
            });
    return sb.toString();
  }

  private boolean stringMember(Field field) {
    if (peek('"')) {
      String s = string();
      if (s == null) {
        return false;
      }
      if (field == Field.AEAD) {
        aead = s;
      } // the id is decoded (it must be a string) but KES ignores it
      return true;
    }
    // Go: null leaves a string as it is; any other type is an UnmarshalTypeError.
    return literal("null");
  }

  private boolean bytesMember(Field field) {
    byte[] value;
    if (peek('"')) {
      String s = string();
      if (s == null) {
        return false;
      }
      Optional<byte[]> decoded = GoBase64.decode(s);
      if (decoded.isEmpty()) {
        return false;
      }
      value = decoded.get();
    } else if (literal("null")) {
      value = null; // Go: null sets a slice to nil
    } else if (peek('[')) {
      value = byteArray();
      if (value == null) {
        return false;
      }
    } else {
      return false;
    }
    switch (field) {
      case IV -> iv = value;
      case NONCE -> nonce = value;
      case BYTES -> bytes = value;
      default -> throw new AssertionError(field);
    }
    return true;
  }

  /**
   * A JSON array decoded into a Go {@code []byte}: each element an integer literal 0–255 (Go's
   * {@code strconv.ParseUint}, so no sign, fraction or exponent) or null (Go leaves the element
   * zero). Returns null if Go would fail.
   */
  private byte[] byteArray() {
    pos++; // '['
    skipWhitespace();
    var out = new ByteArrayOutputStream();
    if (consume(']')) {
      return out.toByteArray();
    }
    while (true) {
      if (literal("null")) {
        out.write(0);
      } else {
        int v = uint8();
        if (v < 0) {
          return null;
        }
        out.write(v);
      }
      skipWhitespace();
      if (consume(',')) {
        skipWhitespace();
        continue;
      }
      return consume(']') ? out.toByteArray() : null;
    }
  }

  /** A JSON number that is a decimal integer 0–255, or -1. */
  private int uint8() {
    int start = pos;
    if (!number()) {
      return -1;
    }
    int v = 0;
    for (int i = start; i < pos; i++) {
      int d = in[i] - '0';
      if (d < 0 || d > 9) {
        return -1; // '-', '.', 'e': valid JSON, but not for ParseUint
      }
      v = v * 10 + d;
      if (v > 255) {
        return -1;
      }
    }
    return v;
  }

  /**
   * Validates and skips one value of any type. {@code depth} is the nesting depth of the
   * container holding it. Open containers are kept on an explicit stack (set bit = object), not
   * on the Java stack, so that Go's 10 000 levels cannot overflow it.
   */
  private boolean skipValue(int depth) {
    var isObject = new BitSet();
    int open = 0;
    while (true) {
      // A value starts here.
      if (pos >= in.length) {
        return false;
      }
      byte c = in[pos];
      if (c == '{' || c == '[') {
        if (depth + open + 1 > MAX_DEPTH) {
          return false;
        }
        pos++;
        boolean object = c == '{';
        isObject.set(open++, object);
        skipWhitespace();
        if (consume(object ? '}' : ']')) {
          open--; // empty: a complete value
        } else {
          if (object && !memberName()) {
            return false;
          }
          continue;
        }
      } else if (!scalar()) {
        return false;
      }
      // A value ended here: close containers until one continues or none is left open.
      while (true) {
        if (open == 0) {
          return true;
        }
        skipWhitespace();
        boolean object = isObject.get(open - 1);
        if (consume(',')) {
          skipWhitespace();
          if (object && !memberName()) {
            return false;
          }
          break;
        }
        if (!consume(object ? '}' : ']')) {
          return false;
        }
        open--;
      }
    }
  }

  /** {@code "name" :} and the whitespace after it. */
  private boolean memberName() {
    if (string() == null) {
      return false;
    }
    skipWhitespace();
    if (!consume(':')) {
      return false;
    }
    skipWhitespace();
    return true;
  }

  private boolean scalar() {
    if (peek('"')) {
      return string() != null;
    }
    if (peek('-') || (pos < in.length && in[pos] >= '0' && in[pos] <= '9')) {
      return number();
    }
    return literal("true") || literal("false") || literal("null");
  }

  /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
  private boolean number() {
    int p = pos;
    if (p < in.length && in[p] == '-') {
      p++;
    }
    if (p < in.length && in[p] == '0') {
      p++;
    } else if (p < in.length && in[p] >= '1' && in[p] <= '9') {
      p = digits(p);
    } else {
      return false;
    }
    if (p < in.length && in[p] == '.') {
      if (!isDigit(++p)) {
        return false;
      }
      p = digits(p);
    }
    if (p < in.length && (in[p] == 'e' || in[p] == 'E')) {
      p++;
      if (p < in.length && (in[p] == '+' || in[p] == '-')) {
        p++;
      }
      if (!isDigit(p)) {
        return false;
      }
      p = digits(p);
    }
    pos = p;
    return true;
  }

  private boolean isDigit(int p) {
    return p < in.length && in[p] >= '0' && in[p] <= '9';
  }

  private int digits(int p) {
    while (isDigit(p)) {
      p++;
    }
    return p;
  }

  /**
   * A JSON string, unescaped as Go does it, or null if it is not valid JSON. Raw bytes below 0x20
   * are invalid; invalid UTF-8 is accepted and becomes U+FFFD; {@code \\u} escapes of a valid
   * surrogate pair become one code point, any other surrogate U+FFFD.
   */
  private String string() {
    if (!consume('"')) {
      return null;
    }
    var sb = new StringBuilder();
    while (pos < in.length) {
      int c = in[pos] & 0xff;
      if (c == '"') {
        pos++;
        return sb.toString();
      }
      if (c < 0x20) {
        return null;
      }
      if (c >= 0x80) {
        // Continuation bytes are >= 0x80 too, so a run holds every complete UTF-8 sequence in it.
        int start = pos;
        while (pos < in.length && (in[pos] & 0x80) != 0) {
          pos++;
        }
        sb.append(new String(in, start, pos - start, StandardCharsets.UTF_8));
        continue;
      }
      if (c != '\\') {
        sb.append((char) c);
        pos++;
        continue;
      }
      if (pos + 1 >= in.length) {
        return null;
      }
      byte e = in[pos + 1];
      pos += 2;
      switch (e) {
        case '"', '\\', '/' -> sb.append((char) e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          int r = hex4(pos);
          if (r < 0) {
            return null;
          }
          pos += 4;
          if (!Character.isSurrogate((char) r)) {
            sb.append((char) r);
          } else if (Character.isHighSurrogate((char) r) && isLowSurrogateEscape(pos)) {
            sb.append((char) r).append((char) hex4(pos + 2));
            pos += 6;
          } else {
            sb.append('\uFFFD'); // a following escape, if any, is read on its own
          }
        }
        default -> {
          return null;
        }
      }
    }
    return null; // unterminated
  }

  private boolean isLowSurrogateEscape(int p) {
    if (p + 6 > in.length || in[p] != '\\' || in[p + 1] != 'u') {
      return false;
    }
    int r = hex4(p + 2);
    return r >= 0 && Character.isLowSurrogate((char) r);
  }

  /** Four hex digits at {@code p} as a value, or -1. */
  private int hex4(int p) {
    if (p + 4 > in.length) {
      return -1;
    }
    int v = 0;
    for (int i = p; i < p + 4; i++) {
      int d = Character.digit(in[i], 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private boolean literal(String word) {
    if (in.length - pos < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (in[pos + i] != word.charAt(i)) {
        return false;
      }
    }
    pos += word.length();
    return true;
  }

  private boolean peek(char c) {
    return pos < in.length && in[pos] == c;
  }

  private boolean consume(char c) {
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  /** JSON whitespace: space, tab, LF, CR (nothing else, unlike {@link Character#isWhitespace}). */
  private void skipWhitespace() {
    while (pos < in.length) {
      byte c = in[pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }
}
