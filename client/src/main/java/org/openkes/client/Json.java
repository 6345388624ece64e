package org.openkes.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.openkes.core.codec.GoBase64;
import org.openkes.core.codec.JsonTrees;

/**
 * JSON in and out, through Jackson's tree model built by {@link JsonTrees} (no data binding, no
 * {@code ObjectMapper}: its first construction alone was a tenth of a CLI command's start-up).
 * Requests are written as Go's {@code encoding/json} writes the SDK's request structs; responses
 * are read with {@link Fields}, which follows Go's decoding rules.
 */
final class Json {
  private Json() {}

  /** A new empty object for a request body. */
  static ObjectNode object() {
    return JsonTrees.object();
  }

  /** Puts {@code bytes} as a Go {@code []byte}: standard base64 with padding. */
  static ObjectNode putBytes(ObjectNode o, String field, byte[] bytes) {
    return o.put(field, GoBase64.encode(bytes));
  }

  static byte[] toBytes(ObjectNode o) {
    return JsonTrees.bytes(o);
  }

  /**
   * Parses the first JSON value of a body; like Go's {@code json.Decoder.Decode}, bytes after it
   * are not looked at.
   */
  static JsonNode parse(byte[] body, String source) throws ResponseFormatException {
    try (JsonParser parser = JsonTrees.factory().createParser(body)) {
      if (parser.nextToken() == null) {
        throw new ResponseFormatException("kes: empty response from " + source);
      }
      return JsonTrees.read(parser);
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
