package org.openkes.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.openkes.core.codec.GoBase64;

/**
 * Typed access to the members of a JSON object, decoded the way Go's {@code encoding/json}
 * decodes into the SDK's response structs: a member is found by exact name, else by a
 * case-insensitive match; missing members and {@code null} give the zero value; a value of the
 * wrong type is an error. Errors name the response and the member.
 */
final class Fields {
  /** Go's zero {@code time.Time}, which a missing or null timestamp decodes to. */
  static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final JsonNode object;
  private final String source;

  private Fields(JsonNode object, String source) {
    this.object = object;
    this.source = source;
  }

  static Fields of(JsonNode node, String source) throws ResponseFormatException {
    if (!node.isObject()) {
      throw new ResponseFormatException(
          "kes: invalid response from " + source + ": expected a JSON object, got " + node.getNodeType());
    }
    return new Fields(node, source);
  }

  String string(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw wrongType(name, "a string", v);
    }
    return v.textValue();
  }

  /** A Go {@code []byte}: base64 with padding, CR/LF ignored. */
  byte[] bytes(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return new byte[0];
    }
    if (!v.isTextual()) {
      throw wrongType(name, "a base64 string", v);
    }
    Optional<byte[]> b = GoBase64.decode(v.textValue());
    if (b.isEmpty()) {
      throw invalid(name, "is not valid base64");
    }
    return b.get();
  }

  boolean bool(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw wrongType(name, "a boolean", v);
    }
    return v.booleanValue();
  }

  /** An integer (Go {@code int}, {@code int64}, {@code uint64} within a long). */
  long integer(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(name, "an integer", v);
    }
    return v.longValue();
  }

  /** A number that may have a fraction (Go {@code float64}). */
  double number(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return 0;
    }
    if (!v.isNumber()) {
      throw wrongType(name, "a number", v);
    }
    return v.doubleValue();
  }

  /** An RFC 3339 timestamp; Go's zero time when missing or null. */
  Instant time(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return ZERO_TIME;
    }
    if (!v.isTextual()) {
      throw wrongType(name, "an RFC 3339 time", v);
    }
    try {
      return OffsetDateTime.parse(v.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(name, "is not an RFC 3339 time: '" + v.textValue() + "'");
    }
  }

  /** A JSON array of strings; empty when missing or null. */
  List<String> strings(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(name, "an array of strings", v);
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw wrongType(name + "[]", "a string", e);
      }
      out.add(e.textValue());
    }
    return List.copyOf(out);
  }

  /** The member names of a JSON object (a Go {@code map[string]T}); empty when missing or null. */
  SortedSet<String> keys(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    SortedSet<String> out = new TreeSet<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw wrongType(name, "an object", v);
    }
    v.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** A nested object; empty fields when missing or null. */
  Fields object(String name) throws ResponseFormatException {
    JsonNode v = member(name);
    if (v == null) {
      return new Fields(JsonNodeFactory.instance.objectNode(), source);
    }
    if (!v.isObject()) {
      throw wrongType(name, "an object", v);
    }
    return new Fields(v, source);
  }

  /** Whether the member is present and not null. */
  boolean has(String name) {
    return member(name) != null;
  }

  /** Whether the member is present and a JSON object. */
  boolean isObject(String name) {
    JsonNode v = member(name);
    return v != null && v.isObject();
  }

  /** The member, or null when absent or JSON null. Exact name first, then case-insensitive. */
  private JsonNode member(String name) {
    JsonNode v = object.get(name);
    if (v == null) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue(); // Go keeps the last case-insensitive match
        }
      }
    }
    return v == null || v.isNull() ? null : v;
  }

  private ResponseFormatException wrongType(String name, String expected, JsonNode got) {
    return invalid(name, "must be " + expected + ", not " + got.getNodeType().toString().toLowerCase());
  }

  private ResponseFormatException invalid(String name, String what) {
    return new ResponseFormatException(
        "kes: invalid response from " + source + ": field '" + name + "' " + what);
  }
}
