package org.openkes.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same trees and bytes as an ObjectMapper gives, which these helpers replace. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> DOCUMENTS = List.of(
      "{}",
      "[]",
      "{\"name\":\"my-key\",\"created_at\":\"2024-01-02T03:04:05Z\",\"algorithm\":\"AES256\"}",
      "{\"a\":1,\"a\":2}", // a repeated key: the last wins (as Go)
      "{\"int\":2147483647,\"long\":2147483648,\"big\":123456789012345678901234567890,"
          + "\"neg\":-9223372036854775809,\"float\":1.5e300,\"small\":-0.0,\"frac\":0.1}",
      "{\"s\":\"\\u00e9\\n\\t\\\"\\\\ \\ud83d\\ude00 </script>\",\"t\":true,\"f\":false,\"n\":null}",
      "[1,[2,[3,{\"x\":[]}]],{\"y\":{}},\"z\"]",
      "\"just a string\"",
      "42",
      "{\"names\":[\"a\",\"b\"],\"continue_at\":\"\"} trailing bytes are not read");

  private static JsonNode read(String json) throws IOException {
    try (JsonParser p = JsonTrees.factory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
      p.nextToken();
      return JsonTrees.read(p);
    }
  }

  private static JsonNode mapperRead(String json) throws IOException {
    try (JsonParser p = MAPPER.createParser(json.getBytes(StandardCharsets.UTF_8))) {
      return MAPPER.readTree(p);
    }
  }

  @Test
  void readsTheTreesObjectMapperReads() throws Exception {
    for (String json : DOCUMENTS) {
      JsonNode ours = read(json);
      JsonNode theirs = mapperRead(json);
      assertThat(ours).as(json).isEqualTo(theirs);
      // Equal trees can still differ in node classes (IntNode vs LongNode): compare those too.
      assertThat(ours.toString()).isEqualTo(theirs.toString());
      if (ours.isObject()) {
        ours.properties().forEach(e -> assertThat(e.getValue().getClass())
            .as(json + " " + e.getKey()).isEqualTo(theirs.get(e.getKey()).getClass()));
      }
    }
  }

  @Test
  void writesTheBytesObjectMapperWrites() throws Exception {
    for (String json : DOCUMENTS) {
      JsonNode tree = mapperRead(json);
      assertThat(JsonTrees.bytes(tree)).as(json).isEqualTo(MAPPER.writeValueAsBytes(tree));
      assertThat(JsonTrees.text(tree, null)).isEqualTo(MAPPER.writeValueAsString(tree));
      assertThat(JsonTrees.text(tree, new DefaultPrettyPrinter()))
          .isEqualTo(MAPPER.writer(new DefaultPrettyPrinter()).writeValueAsString(tree));
    }
    var built = JsonTrees.object().put("n", new BigInteger("18446744073709551616"))
        .put("f", 1.25f).put("d", 0.1).put("l", 5L);
    built.set("arr", JsonTrees.array().add(1).addNull().add("x"));
    built.putRawValue("raw", new com.fasterxml.jackson.databind.util.RawValue("12.5"));
    assertThat(JsonTrees.text(built, null)).isEqualTo(MAPPER.writeValueAsString(built));
  }

  @Test
  void refusesToWriteObjectsItCannotSerialiseWithoutBinding() {
    var o = JsonTrees.object().putPOJO("p", new Object());
    assertThatThrownBy(() -> JsonTrees.text(o, null)).hasMessageContaining("POJO");
  }

  @Test
  void refusesWhatIsNotAValue() throws Exception {
    try (JsonParser p = JsonTrees.factory().createParser(new byte[0])) {
      assertThat(p.nextToken()).isNull();
      assertThatThrownBy(() -> JsonTrees.read(p)).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> read("{\"a\":")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read("[1,2")).isInstanceOf(IOException.class);
  }
}
