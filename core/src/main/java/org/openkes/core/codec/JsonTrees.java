package org.openkes.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Jackson trees read and written with Jackson's streaming layer only, the same trees and the same
 * bytes as {@code ObjectMapper.readTree} / {@code writeValueAsString} give. Why not an {@code
 * ObjectMapper}: building the first one costs about 30 ms in a fresh JVM (serializer and
 * deserializer factories, type factory, a date format that loads the JDK's locale data), a tenth
 * of a {@code kes} command's start-up, and the CLI and the client need no data binding.
 */
public final class JsonTrees {
  /** Thread-safe once configured, and never configured further. */
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The shared factory, for parsers and generators of one's own. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * The value that starts at the parser's current token (call {@code nextToken()} first), as
   * {@code ObjectMapper.readTree} builds it: ints, longs and big integers by size, floating-point
   * numbers as doubles, a repeated key's last value. The parser ends on the value's last token.
   */
  public static JsonNode read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("no JSON value");
    }
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.replace(name, read(p));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p));
        }
        yield a;
      }
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected JSON token " + t);
    };
  }

  /** Writes {@code node} as {@code ObjectMapper} does: objects, arrays, strings, numbers, ... */
  public static void write(JsonNode node, JsonGenerator g) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          g.writeFieldName(e.getKey());
          write(e.getValue(), g);
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode child : node) {
          write(child, g);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case NUMBER -> writeNumber(node, g);
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL -> g.writeNull();
      // Raw JSON text (putRawValue), e.g. a number in Go's notation; no other embedded objects.
      case POJO -> {
        Object pojo = ((POJONode) node).getPojo();
        if (!(pojo instanceof RawValue raw)) {
          throw new IOException("cannot write a POJO node holding "
              + (pojo == null ? "null" : pojo.getClass().getName()));
        }
        raw.serialize(g, null);
      }
      default -> throw new IOException("cannot write a " + node.getNodeType() + " node");
    }
  }

  private static void writeNumber(JsonNode n, JsonGenerator g) throws IOException {
    switch (n.numberType()) {
      case INT -> g.writeNumber(n.intValue());
      case LONG -> g.writeNumber(n.longValue());
      case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
      case FLOAT -> g.writeNumber(n.floatValue());
      case DOUBLE -> g.writeNumber(n.doubleValue());
      case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
    }
  }

  /** UTF-8 JSON of {@code node}, compact. */
  public static byte[] bytes(JsonNode node) {
    var out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(node, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /** JSON text of {@code node}: compact when {@code pretty} is null. */
  public static String text(JsonNode node, PrettyPrinter pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty != null) {
        g.setPrettyPrinter(pretty);
      }
      write(node, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
