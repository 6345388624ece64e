package org.openkes.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.openkes.core.codec.GoBase64;

/**
 * JSON in and out, through Jackson's tree model (no data binding, no reflection on our types).
 * Requests are written as Go's {@code encoding/json} writes the SDK's request structs; responses
 * are read with {@link Fields}, which follows Go's decoding rules.
 */
final class Json {
  // Configured once here and never changed afterwards; ObjectMapper is thread-safe in that use.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A new empty object for a request body. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts {@code bytes} as a Go {@code []byte}: standard base64 with padding. */
  static ObjectNode putBytes(ObjectNode o, String field, byte[] bytes) {
    return o.put(field, GoBase64.encode(bytes));
  }

  static byte[] toBytes(ObjectNode o) {
    try {
      return MAPPER.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e); // not for ObjectNodes
    }
  }

  /**
   * Parses the first JSON value of a body; like Go's {@code json.Decoder.Decode}, bytes after it
   * are not looked at.
   */
  static JsonNode parse(byte[] body, String source) throws ResponseFormatException {
    try (var parser = MAPPER.createParser(body)) {
      JsonNode node = MAPPER.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw new ResponseFormatException("kes: empty response from " + source);
      }
      return node;
    } catch (IOException e) {
      throw new ResponseFormatException(
          "kes: invalid JSON from " + source + ": " + originalMessage(e), e);
    }
  }

  /** Like {@link #parse}, but the value must be an object. */
  static Fields parseObject(byte[] body, String source) throws ResponseFormatException {
    return Fields.of(parse(body, source), source);
  }

  private static String originalMessage(IOException e) {
    return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
  }
}
