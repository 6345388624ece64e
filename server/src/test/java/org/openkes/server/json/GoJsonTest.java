package org.openkes.server.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output as Go's {@code encoding/json} writes it. */
class GoJsonTest {
  @Test
  void escaping() {
    StringBuilder sb = new StringBuilder();
    GoJson.quote(sb, "a\"b\\c\n\r\t<>&\u2028\u0001\b\f\u00e9\ud83d\ude00\ud800");
    assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u003c\\u003e\\u0026\\u2028"
        + "\\u0001\\b\\f\u00e9\ud83d\ude00\\ufffd\"");
  }

  @Test
  void documents() {
    String doc = GoJson.object().put("s", "x").put("b", new byte[] {1, 2})
        .put("n", 5L).put("t", true).put("l", List.of("a", "b")).put("o", GoJson.object())
        .putUnless(true, "omitted", "x").encode();
    assertThat(doc).isEqualTo("{\"s\":\"x\",\"b\":\"AQI=\",\"n\":5,\"t\":true,\"l\":[\"a\",\"b\"],"
        + "\"o\":{}}\n");
    assertThat(GoJson.encode(List.of())).isEqualTo("[]\n");
  }

  @Test
  void timestamps() {
    assertThat(GoTime.rfc3339Nano(Instant.parse("2024-01-12T10:39:20.886816Z")))
        .isEqualTo("2024-01-12T10:39:20.886816Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("2009-11-10T23:00:00Z")))
        .isEqualTo("2009-11-10T23:00:00Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("0001-01-01T00:00:00Z")))
        .isEqualTo("0001-01-01T00:00:00Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("2025-01-02T03:04:05.123456789Z")))
        .isEqualTo("2025-01-02T03:04:05.123456789Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("2025-01-02T03:04:05.1Z"), ZoneOffset.ofHours(2)))
        .isEqualTo("2025-01-02T05:04:05.1+02:00");
    assertThat(GoTime.rfc3339Nano(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.ofHoursMinutes(-3, -30)))
        .isEqualTo("2025-01-01T23:34:05-03:30");
    assertThat(GoTime.rfc3339Millis(Instant.parse("2025-05-27T08:00:00.1234Z"), ZoneOffset.ofHours(2)))
        .isEqualTo("2025-05-27T10:00:00.123+02:00");
    assertThat(GoTime.rfc3339Millis(Instant.parse("2025-05-27T08:00:00Z"), ZoneOffset.UTC))
        .isEqualTo("2025-05-27T08:00:00.000Z");
  }
}
