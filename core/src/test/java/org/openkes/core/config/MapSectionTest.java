package org.openkes.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Section built in code reads like a YAML one, minus line numbers. */
class MapSectionTest {
  private static final Map<String, String> ENV = Map.of("P", "/keys", "T", "true", "D", "15s");

  private static Section section(Map<String, ?> m) {
    return MapSection.of("--dev", m, ENV::get);
  }

  @Test
  void readsScalarsWithEnvSubstitution() throws ConfigException {
    Section s =
        section(
            ordered(
                "path", "${P}",
                "literal", "pre-${P}",
                "port", 7373,
                "flag", true,
                "envflag", "${T}",
                "word", "yes",
                "timeout", Duration.ofMillis(1500),
                "envtimeout", "${D}",
                "text", "1h30m"));
    assertThat(s.string("path")).contains("/keys");
    assertThat(s.string("literal")).contains("pre-${P}");
    assertThat(s.string("port")).contains("7373");
    assertThat(s.bool("flag")).contains(true);
    assertThat(s.bool("envflag")).contains(true);
    assertThat(s.bool("word")).contains(true);
    assertThat(s.duration("timeout")).contains(Duration.ofMillis(1500));
    assertThat(s.string("timeout")).contains("1.5s");
    assertThat(s.duration("envtimeout")).contains(Duration.ofSeconds(15));
    assertThat(s.duration("text")).contains(Duration.ofMinutes(90));
    assertThat(s.keys())
        .containsExactly(
            "path", "literal", "port", "flag", "envflag", "word", "timeout", "envtimeout", "text");
  }

  @Test
  void nestedMapsListsAndDottedKeys() throws ConfigException {
    Section s =
        section(
            Map.of(
                "keystore",
                Map.of("fs", Map.of("path", "${P}")),
                "ids",
                Arrays.asList("a", null, "${P}")));
    Section fs = s.section("keystore.fs").orElseThrow();
    assertThat(fs.path()).isEqualTo("keystore.fs");
    assertThat(fs.string("path")).contains("/keys");
    assertThat(s.string("keystore.fs.path")).contains("/keys");
    assertThat(s.strings("ids")).containsExactly("a", "", "/keys");
  }

  @Test
  void nullsAreAbsentValues() throws ConfigException {
    Map<String, Object> m = new HashMap<>();
    m.put("n", null);
    Section s = section(m);
    assertThat(s.has("n")).isTrue();
    assertThat(s.string("n")).isEmpty();
    assertThat(s.section("n")).isEmpty();
    assertThat(s.strings("n")).isEmpty();
  }

  @Test
  void errorsCarryTheOriginButNoLine() {
    Section s = section(Map.of("t", 300, "z", 0, "b", 1, "x", "${NOPE}", "m", Map.of("k", "v")));
    assertThatThrownBy(() -> s.duration("t"))
        .hasMessage("--dev: 't' is not a valid duration: time: missing unit in duration \"300\"");
    assertThatThrownBy(() -> s.duration("z"))
        .hasMessage("--dev: 'z' is not a valid duration: a bare 0 is a number, not a duration:"
            + " write e.g. '0s'");
    assertThatThrownBy(() -> s.bool("b"))
        .hasMessage(
            "--dev: 'b' is not a valid boolean: expected true or false (or yes/no, on/off), got"
                + " '1'");
    assertThatThrownBy(() -> s.string("x"))
        .hasMessage("--dev: kesconf: referenced env. variable 'NOPE' in 'x' not found");
    assertThatThrownBy(() -> s.string("m"))
        .hasMessage("--dev: 'm' must be a single value, not a mapping");
    assertThat(s.error("m.k", "bad").getMessage()).isEqualTo("--dev: bad");
  }

  @Test
  void withoutOriginMessagesAreBare() {
    Section s = MapSection.of(Map.of("x", "${ANY}"));
    assertThatThrownBy(() -> s.string("x"))
        .hasMessage("kesconf: referenced env. variable 'ANY' in 'x' not found");
    assertThat(s.error("x", "plain").getMessage()).isEqualTo("plain");
  }

  @Test
  void decimalsAreNotDurations() {
    Section s = section(Map.of("d", new BigDecimal("1.5")));
    assertThatThrownBy(() -> s.duration("d"))
        .hasMessage("--dev: 'd' is not a valid duration: time: missing unit in duration \"1.5\"");
  }

  @Test
  void unsupportedTypesAreAProgrammingError() {
    assertThatThrownBy(() -> MapSection.of(Map.of("a", Map.of("b", new Object()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a.b'");
    assertThatThrownBy(() -> MapSection.of(Map.of("a", Map.of(1, "x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsKeepTheirOrder() throws ConfigException {
    assertThat(section(Map.of("l", List.of("c", "a", "b"))).strings("l"))
        .containsExactly("c", "a", "b");
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
