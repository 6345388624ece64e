package org.openkes.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Our JSON must match Go's encoding/json byte for byte where real KES's output is machine-read. */
class GoJsonTest {
  @Test
  void timesAreRfc3339WithoutTrailingFractionZeros() {
    assertThat(GoJson.time(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(GoJson.time(Instant.parse("2024-01-02T03:04:05.100Z"))).isEqualTo("2024-01-02T03:04:05.1Z");
    assertThat(GoJson.time(Instant.parse("2024-01-02T03:04:05.123456789Z")))
        .isEqualTo("2024-01-02T03:04:05.123456789Z");
  }

  @Test
  void indentedLikeMarshalIndent() {
    ObjectNode o = GoJson.object();
    o.putObject("allow").putObject("/v1/key/*");
    o.putArray("list").add(1).add(2);
    o.putArray("empty");
    o.put("s", "x");
    assertThat(GoJson.indented(o)).isEqualTo("""
        {
          "allow": {
            "/v1/key/*": {}
          },
          "list": [
            1,
            2
          ],
          "empty": [],
          "s": "x"
        }""");
    assertThat(GoJson.compact(o)).isEqualTo("{\"allow\":{\"/v1/key/*\":{}},\"list\":[1,2],\"empty\":[],\"s\":\"x\"}");
  }
}
