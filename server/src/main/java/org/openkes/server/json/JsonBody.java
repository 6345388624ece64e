package org.openkes.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openkes.core.codec.GoBase64;

/**
 * Decodes a request body the way Go's {@code json.NewDecoder(body).Decode(&struct)} does for
 * KES's request structs (kes-compat.md §1.2), which is more lenient than most Java decoders:
 *
 * <ul>
 *   <li>only the first JSON value is read; whatever follows is ignored;
 *   <li>a top-level {@code null} leaves every field at its zero value;
 *   <li>member names match the fields case-insensitively (an exact match first), duplicates:
 *       last wins, unknown members are skipped;
 *   <li>{@code null} for a field keeps it (string) or empties it (bytes);
 *   <li>byte fields are standard base64 with padding, CR and LF ignored — or, as for any Go
 *       slice, a JSON array of integers 0–255 ({@code null} elements are 0);
 *   <li>anything else (empty body, syntax error, a wrong type) is a {@link Malformed} error.
 * </ul>
 *
 * Invalid UTF-8 is replaced by U+FFFD before parsing, as Go does when it decodes strings.
 */
public final class JsonBody {
  /**
   * Jackson's default buffer pool is per thread; requests run on virtual threads, one per
   * request, so it would allocate fresh buffers every time. A shared pool recycles them.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

  /** The kinds of fields KES's request structs have. */
  public enum Type {
    BYTES,
    STRING
  }

  /** A field of the target struct. */
  public record Field(String name, Type type) {
    public static Field bytes(String name) {
      return new Field(name, Type.BYTES);
    }

    public static Field string(String name) {
      return new Field(name, Type.STRING);
    }
  }

  /** The body is not a JSON value Go would decode into the struct. */
  public static final class Malformed extends Exception {
    public Malformed(String message) {
      super(message);
    }
  }

  /** The decoded fields; absent ones have their zero value. */
  public record Values(Map<String, Object> values) {
    public Values {
      values = Map.copyOf(values);
    }

    /** A byte field; empty when absent or null. */
    public byte[] bytes(String name) {
      return values.get(name) instanceof byte[] b ? b.clone() : new byte[0];
    }

    /** A string field; empty when absent or null. */
    public String string(String name) {
      return values.get(name) instanceof String s ? s : "";
    }
  }

  private JsonBody() {}

  /** Zero values for every field (what an absent generate body yields). */
  public static Values empty() {
    return new Values(Map.of());
  }

  /** Decodes the first JSON value of {@code body} into {@code fields}. */
  public static Values decode(byte[] body, List<Field> fields) throws Malformed {
    Map<String, Object> out = new HashMap<>();
    try (JsonParser p = parser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Malformed("EOF");
      }
      if (first == JsonToken.VALUE_NULL) {
        return new Values(out);
      }
      if (first != JsonToken.START_OBJECT) {
        throw new Malformed("json: cannot unmarshal " + goType(first) + " into Go value");
      }
      Malformed typeError = null; // Go finishes the value, then reports the first type error
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String member = p.currentName();
        JsonToken t = p.nextToken();
        Optional<Field> field = match(member, fields);
        if (field.isEmpty()) {
          p.skipChildren();
          continue;
        }
        Field f = field.get();
        if (t == JsonToken.VALUE_NULL) {
          if (f.type() == Type.BYTES) {
            out.remove(f.name());
          }
          continue;
        }
        if (t == JsonToken.START_ARRAY && f.type() == Type.BYTES) {
          Optional<byte[]> b = byteArray(p);
          if (b.isPresent()) {
            out.put(f.name(), b.get());
          } else if (typeError == null) {
            typeError = new Malformed("json: cannot unmarshal array element into Go struct field ."
                + f.name() + " of type uint8");
          }
          continue;
        }
        if (t != JsonToken.VALUE_STRING) {
          p.skipChildren();
          if (typeError == null) {
            typeError = new Malformed("json: cannot unmarshal " + goType(t) + " into Go struct field ."
                + f.name() + " of type " + (f.type() == Type.BYTES ? "[]uint8" : "string"));
          }
          continue;
        }
        String s = p.getText();
        if (f.type() == Type.STRING) {
          out.put(f.name(), s);
        } else {
          Optional<byte[]> b = GoBase64.decode(s);
          if (b.isEmpty()) {
            // Go stops at the first base64 error (a syntax-level error for encoding/json).
            throw new Malformed("illegal base64 data in field '" + f.name() + "'");
          }
          out.put(f.name(), b.get());
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new Malformed("unexpected end of JSON input");
      }
      if (typeError != null) {
        throw typeError;
      }
      return new Values(out);
    } catch (JsonProcessingException e) {
      // Syntax errors and a value cut short by the body limit. Jackson's messages quote the
      // offending input, which may be a secret; say only where it went wrong.
      JsonLocation at = e.getLocation();
      throw new Malformed(at == null
          ? "malformed JSON"
          : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    } catch (IOException e) {
      throw new Malformed("malformed JSON");
    }
  }

  /**
   * A parser over the body. ASCII (nearly every request) is parsed from the bytes as they are;
   * anything else goes through a String first, which replaces invalid UTF-8 by U+FFFD as Go
   * does, where Jackson's byte parser would fail.
   */
  private static JsonParser parser(byte[] body) throws IOException {
    for (byte b : body) {
      if (b < 0) {
        return JSON.createParser(new String(body, StandardCharsets.UTF_8));
      }
    }
    return JSON.createParser(body);
  }

  /**
   * The rest of an array as Go decodes it into a {@code []byte}: element by element into a
   * {@code uint8}. Empty if an element is not one (Go reads on and reports a type error).
   */
  private static Optional<byte[]> byteArray(JsonParser p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean ok = true;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new JsonEOFException(p, null, "unexpected end of JSON input");
      }
      int b = uint8(p, t);
      if (b < 0) {
        ok = false;
        p.skipChildren();
      } else {
        out.write(b);
      }
    }
    return ok ? Optional.of(out.toByteArray()) : Optional.empty();
  }

  /** A {@code uint8} element: null is 0; Go parses the literal with ParseUint (no sign, no fraction). */
  private static int uint8(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    if (t != JsonToken.VALUE_NUMBER_INT || p.getText().startsWith("-")) {
      return -1;
    }
    BigInteger v = p.getBigIntegerValue();
    return v.bitLength() <= 8 ? v.intValue() : -1;
  }

  /** Go's field matching: an exact name first, else the first case-insensitive match. */
  private static Optional<Field> match(String member, List<Field> fields) {
    for (Field f : fields) {
      if (f.name().equals(member)) {
        return Optional.of(f);
      }
    }
    for (Field f : fields) {
      if (f.name().equalsIgnoreCase(member)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static String goType(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      default -> "value";
    };
  }
}
