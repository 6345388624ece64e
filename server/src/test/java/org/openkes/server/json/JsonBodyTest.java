package org.openkes.server.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkes.server.json.JsonBody.Field;

/** Go's {@code encoding/json} decoding rules for KES request bodies. */
class JsonBodyTest {
  static final List<Field> FIELDS = List.of(Field.bytes("plaintext"), Field.string("version"));

  static JsonBody.Values decode(String s) throws JsonBody.Malformed {
    return JsonBody.decode(s.getBytes(StandardCharsets.UTF_8), FIELDS);
  }

  @Test
  void typedFields() throws Exception {
    JsonBody.Values v = decode("{\"plaintext\":\"AAEC\",\"version\":\"v1\"}");
    assertThat(v.bytes("plaintext")).containsExactly(0, 1, 2);
    assertThat(v.string("version")).isEqualTo("v1");
  }

  @Test
  void goLeniency() throws Exception {
    assertThat(decode("null").bytes("plaintext")).isEmpty();
    assertThat(decode("{} {not json").bytes("plaintext")).isEmpty();
    assertThat(decode("{\"PlainText\":\"AAEC\"}").bytes("plaintext")).hasSize(3);
    assertThat(decode("{\"plaintext\":\"AAEC\",\"plaintext\":null}").bytes("plaintext")).isEmpty();
    assertThat(decode("{\"version\":\"a\",\"version\":null}").string("version")).isEqualTo("a");
    assertThat(decode("{\"plaintext\":\"AA\\nEC\"}").bytes("plaintext")).hasSize(3);
    assertThat(decode("{\"other\":[{\"deep\":[1,2,{}]}],\"plaintext\":\"AAEC\"}")
        .bytes("plaintext")).hasSize(3);
    // An exact name wins over a case-insensitive one, whatever the order.
    List<Field> two = List.of(Field.string("a"), Field.string("A"));
    assertThat(JsonBody.decode("{\"A\":\"upper\",\"a\":\"lower\"}".getBytes(StandardCharsets.UTF_8), two)
        .string("A")).isEqualTo("upper");
  }

  /** Go decodes a JSON array into a []byte element by element (found against real KES). */
  @Test
  void byteFieldsAlsoTakeArraysOfBytes() throws Exception {
    assertThat(decode("{\"plaintext\":[]}").bytes("plaintext")).isEmpty();
    assertThat(decode("{\"plaintext\":[0,1,255,null]}").bytes("plaintext")).containsExactly(0, 1, 255, 0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[256]", "[-1]", "[-0]", "[1.0]", "[1e2]", "[\"1\"]", "[true]", "[[1]]", "[{}]", "[1,",
      "[1 2]"})
  void arraysOfAnythingButBytesAreMalformed(String array) {
    assertThatThrownBy(() -> decode("{\"plaintext\":" + array + "}")).isInstanceOf(JsonBody.Malformed.class);
  }

  @Test
  void anArrayForAStringFieldIsMalformed() {
    assertThatThrownBy(() -> decode("{\"version\":[1]}")).isInstanceOf(JsonBody.Malformed.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "[]", "1", "\"s\"", "true", "{", "{\"plaintext\":",
      "{\"plaintext\":\"AAE\"}", "{\"plaintext\":\"AAE=\"}x", "{\"plaintext\":1}",
      "{\"version\":1}", "{\"version\":{}}", "{plaintext:1}", "{\"a\":01}", "{\"a\":NaN}"})
  void malformed(String body) {
    if (body.equals("{\"plaintext\":\"AAE=\"}x")) {
      return; // valid: trailing data is ignored (checked in goLeniency)
    }
    assertThatThrownBy(() -> decode(body)).isInstanceOf(JsonBody.Malformed.class);
  }

  @Test
  void errorsNeverQuoteTheInput() {
    assertThatThrownBy(() -> decode("{\"plaintext\": secretvalue }"))
        .isInstanceOf(JsonBody.Malformed.class)
        .hasMessageNotContaining("secret")
        .hasMessageStartingWith("malformed JSON at line 1, column ");
  }
}
