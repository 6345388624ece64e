package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FieldsTest {
  private static Fields fields(String json) throws ResponseFormatException {
    return Json.parseObject(json.getBytes(StandardCharsets.UTF_8), "https://kes/test");
  }

  @Test
  void membersMatchCaseInsensitivelyLikeGo() throws Exception {
    Fields f = fields("{\"Name\":\"a\",\"CREATED_BY\":\"x\"}");
    assertThat(f.string("name")).isEqualTo("a");
    assertThat(f.string("created_by")).isEqualTo("x");
  }

  @Test
  void anExactMatchWins() throws Exception {
    assertThat(fields("{\"NAME\":\"upper\",\"name\":\"exact\"}").string("name")).isEqualTo("exact");
  }

  @Test
  void missingAndNullAreZeroValues() throws Exception {
    Fields f = fields("{\"a\":null}");
    assertThat(f.string("a")).isEmpty();
    assertThat(f.bytes("a")).isEmpty();
    assertThat(f.bool("b")).isFalse();
    assertThat(f.integer("c")).isZero();
    assertThat(f.time("d")).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(f.strings("e")).isEmpty();
    assertThat(f.keys("g")).isEmpty();
    assertThat(f.has("a")).isFalse();
  }

  @Test
  void bytesFollowGoBase64() throws Exception {
    assertThat(fields("{\"b\":\"SGVs\\r\\nbG8=\"}").bytes("b")).isEqualTo("Hello".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> fields("{\"b\":\"SGVsbG8\"}").bytes("b")) // no padding: Go rejects it
        .isInstanceOf(ResponseFormatException.class)
        .hasMessage("kes: invalid response from https://kes/test: field 'b' is not valid base64");
  }

  @Test
  void timesAreRfc3339WithAnyOffset() throws Exception {
    Fields f = fields("{\"a\":\"2024-01-12T10:39:20.886816Z\",\"b\":\"2025-05-27T12:00:00.5+02:00\"}");
    assertThat(f.time("a")).isEqualTo(Instant.parse("2024-01-12T10:39:20.886816Z"));
    assertThat(f.time("b")).isEqualTo(Instant.parse("2025-05-27T10:00:00.5Z"));
    assertThatThrownBy(() -> fields("{\"a\":\"yesterday\"}").time("a"))
        .hasMessageContaining("field 'a' is not an RFC 3339 time: 'yesterday'");
  }

  @Test
  void wrongTypesAreNamed() {
    assertThatThrownBy(() -> fields("{\"name\":1}").string("name"))
        .isInstanceOf(ResponseFormatException.class)
        .hasMessage("kes: invalid response from https://kes/test: field 'name' must be a string, not number");
    assertThatThrownBy(() -> fields("{\"n\":1.5}").integer("n")).hasMessageContaining("must be an integer");
    assertThatThrownBy(() -> fields("{\"l\":[1]}").strings("l")).hasMessageContaining("field 'l[]' must be a string");
  }

  @Test
  void onlyTheFirstJsonValueCountsAndItMustBeAnObject() throws Exception {
    assertThat(fields("{\"a\":\"x\"}\ntrailing garbage").string("a")).isEqualTo("x");
    assertThatThrownBy(() -> fields("[1]")).hasMessageContaining("expected a JSON object, got ARRAY");
    assertThatThrownBy(() -> fields("")).hasMessageContaining("kes: empty response from https://kes/test");
    assertThatThrownBy(() -> fields("{\"a\":")).hasMessageContaining("kes: invalid JSON from https://kes/test");
  }
}
