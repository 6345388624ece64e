package org.openkes.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The YAML-backed Section: parsing rules and env substitution of kes-compat.md §4.1. */
class YamlSectionTest {
  private static final Map<String, String> ENV =
      Map.of(
          "PATH_VAR", "/var/kes/keys",
          "EMPTY", "",
          "TRUE", "true",
          "YES", "yes",
          "OFF", "off",
          "MAYBE", "maybe",
          "DUR", "1h30m",
          "ZERO", "0",
          "BARE", "300",
          "SPACED", "  padded  ");

  private static Section yaml(String text) throws ConfigException {
    return YamlSection.parse("cfg.yml", text, ENV::get);
  }

  // ---- env substitution ----

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("v: plain", "plain"),
        Arguments.of("v: ${PATH_VAR}", "/var/kes/keys"),
        Arguments.of("v: \"${PATH_VAR}\"", "/var/kes/keys"),
        Arguments.of("v: '  ${ PATH_VAR }  '", "/var/kes/keys"), // trimmed, name trimmed
        Arguments.of("v: ${EMPTY}", ""), // an empty variable is fine
        Arguments.of("v: ${SPACED}", "  padded  "), // the value is not trimmed
        Arguments.of("v: pre-${PATH_VAR}", "pre-${PATH_VAR}"), // no partial interpolation
        Arguments.of("v: ${PATH_VAR}-post", "${PATH_VAR}-post"),
        Arguments.of("v: $PATH_VAR", "$PATH_VAR"),
        Arguments.of("v: 7373", "7373"), // numbers are taken verbatim
        Arguments.of("v: 0x1F", "0x1F"),
        Arguments.of("v: 1.50", "1.50"),
        Arguments.of("v: true", "true"),
        Arguments.of("v: on", "on"),
        Arguments.of("v: 0.0.0.0:7373", "0.0.0.0:7373"),
        Arguments.of("v: ''", ""),
        Arguments.of("v: |\n  multi\n  line\n", "multi\nline\n"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("strings")
  void readsStrings(String text, String expected) throws ConfigException {
    assertThat(yaml(text).string("v")).contains(expected);
  }

  @Test
  void wholeValueWithTwoReferencesIsOneOddName() {
    // "${A}${B}" starts with "${" and ends with "}": Go looks up the variable "A}${B".
    assertThatThrownBy(() -> yaml("v: ${PATH_VAR}${EMPTY}").string("v"))
        .hasMessage(
            "cfg.yml:1: kesconf: referenced env. variable 'PATH_VAR}${EMPTY' in line '1' not"
                + " found");
  }

  @Test
  void missingVariableNamesItAndTheLine() {
    Section s =
        assertDoesNotThrow(() -> yaml("a: 1\nb:\n  c: x\n  d: ${NOPE}\n"));
    assertThatThrownBy(() -> s.string("b.d"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cfg.yml:4: kesconf: referenced env. variable 'NOPE' in line '4' not found");
  }

  @Test
  void noDefaultSyntax() {
    assertThatThrownBy(() -> yaml("v: ${NOPE:-fallback}").string("v"))
        .hasMessage(
            "cfg.yml:1: kesconf: referenced env. variable 'NOPE:-fallback' in line '1' not found");
  }

  @Test
  void missingVariableInAListItem() {
    assertThatThrownBy(() -> yaml("l:\n- a\n- ${NOPE}\n").strings("l"))
        .hasMessage("cfg.yml:3: kesconf: referenced env. variable 'NOPE' in line '3' not found");
  }

  @Test
  void envIsOnlyConsultedWhenAValueIsRead() throws ConfigException {
    Section s = yaml("used: x\nunused: ${NOPE}\n");
    assertThat(s.string("used")).contains("x");
    assertThat(s.has("unused")).isTrue();
  }

  // ---- booleans ----

  static Stream<Arguments> booleans() {
    return Stream.of(
        Arguments.of("v: true", true),
        Arguments.of("v: True", true),
        Arguments.of("v: TRUE", true),
        Arguments.of("v: false", false),
        Arguments.of("v: FALSE", false),
        Arguments.of("v: yes", true),
        Arguments.of("v: Yes", true),
        Arguments.of("v: y", true),
        Arguments.of("v: on", true),
        Arguments.of("v: ON", true),
        Arguments.of("v: no", false),
        Arguments.of("v: N", false),
        Arguments.of("v: off", false),
        Arguments.of("v: \"true\"", true), // real KES: type error; we accept (§10 item 9)
        Arguments.of("v: ${TRUE}", true), // real KES: type error; we accept (§10 item 9)
        Arguments.of("v: ${YES}", true),
        Arguments.of("v: ${OFF}", false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("booleans")
  void readsBooleans(String text, boolean expected) throws ConfigException {
    assertThat(yaml(text).bool("v")).contains(expected);
  }

  static Stream<Arguments> badBooleans() {
    return Stream.of(
        Arguments.of("v: maybe", "maybe"),
        Arguments.of("v: 1", "1"),
        Arguments.of("v: 0", "0"),
        Arguments.of("v: tRUE", "tRUE"),
        Arguments.of("v: ${MAYBE}", "maybe"),
        Arguments.of("v: ${EMPTY}", ""));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badBooleans")
  void rejectsOtherBooleans(String text, String shown) {
    assertThatThrownBy(() -> yaml(text).bool("v"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "cfg.yml:1: 'v' is not a valid boolean: expected true or false (or yes/no, on/off),"
                + " got '"
                + shown
                + "'");
  }

  // ---- durations ----

  static Stream<Arguments> durations() {
    return Stream.of(
        Arguments.of("v: 15s", Duration.ofSeconds(15)),
        Arguments.of("v: 5m0s", Duration.ofMinutes(5)),
        Arguments.of("v: 1h30m", Duration.ofMinutes(90)),
        Arguments.of("v: 300ms", Duration.ofMillis(300)),
        Arguments.of("v: -1s", Duration.ofSeconds(-1)),
        Arguments.of("v: \"0\"", Duration.ZERO), // a string "0" is a Go duration
        Arguments.of("v: 0s", Duration.ZERO),
        Arguments.of("v: ${DUR}", Duration.ofMinutes(90)),
        Arguments.of("v: ${ZERO}", Duration.ZERO)); // from env it is a string
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("durations")
  void readsDurations(String text, Duration expected) throws ConfigException {
    assertThat(yaml(text).duration("v")).contains(expected);
  }

  static Stream<Arguments> badDurations() {
    return Stream.of(
        Arguments.of("v: 300", "time: missing unit in duration \"300\""), // bare integer
        Arguments.of(
            "v: 0", "a bare 0 is a number, not a duration: write e.g. '0s'"), // yaml.v3 rejects
        Arguments.of("v: 1.5", "time: missing unit in duration \"1.5\""),
        Arguments.of("v: 1d", "time: unknown unit \"d\" in duration \"1d\""),
        Arguments.of("v: ten", "time: invalid duration \"ten\""),
        Arguments.of("v: true", "time: invalid duration \"true\""),
        Arguments.of("v: ${BARE}", "time: missing unit in duration \"300\""),
        Arguments.of("v: ${EMPTY}", "time: invalid duration \"\""));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badDurations")
  void rejectsBadDurationsWithGoText(String text, String why) {
    assertThatThrownBy(() -> yaml(text).duration("v"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cfg.yml:1: 'v' is not a valid duration: " + why);
  }

  // ---- absent and null ----

  @Test
  void absentAndNullValuesAreEmpty() throws ConfigException {
    Section s = yaml("a:\nb: ~\nc: null\nd: {}\ne: []\n");
    for (String k : List.of("a", "b", "c", "missing")) {
      assertThat(s.string(k)).isEmpty();
      assertThat(s.duration(k)).isEmpty();
      assertThat(s.bool(k)).isEmpty();
      assertThat(s.strings(k)).isEmpty();
      assertThat(s.section(k)).isEmpty();
    }
    assertThat(s.has("a")).isTrue();
    assertThat(s.has("b")).isTrue();
    assertThat(s.has("missing")).isFalse();
    assertThat(s.section("d")).get().extracting(Section::keys).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.collection(String.class)).isEmpty();
    assertThat(s.strings("e")).isEmpty();
  }

  @Test
  void quotedNullIsAString() throws ConfigException {
    assertThat(yaml("v: \"null\"").string("v")).contains("null");
    assertThat(yaml("v: '~'").string("v")).contains("~");
  }

  // ---- structure ----

  @Test
  void dottedKeysReachIntoNestedMappings() throws ConfigException {
    Section s =
        yaml(
            """
            keystore:
              aws:
                secretsmanager:
                  credentials:
                    accesskey: AKIA
                    secretkey: ${PATH_VAR}
            """);
    assertThat(s.string("keystore.aws.secretsmanager.credentials.accesskey")).contains("AKIA");
    Section sm = s.section("keystore.aws.secretsmanager").orElseThrow();
    assertThat(sm.path()).isEqualTo("keystore.aws.secretsmanager");
    assertThat(sm.string("credentials.secretkey")).contains("/var/kes/keys");
    assertThat(sm.has("credentials.token")).isFalse();
    assertThat(sm.section("credentials").orElseThrow().path())
        .isEqualTo("keystore.aws.secretsmanager.credentials");
  }

  @Test
  void aKeyWithADotIsFoundAsIs() throws ConfigException {
    Section s = yaml("a.b: literal\na:\n  b: nested\n");
    assertThat(s.string("a.b")).contains("literal");
  }

  @Test
  void keysComeInFileOrder() throws ConfigException {
    Section s = yaml("z: 1\na: 2\nm: 3\n");
    assertThat(s.keys()).containsExactly("z", "a", "m");
  }

  @Test
  void listsOfScalars() throws ConfigException {
    Section s = yaml("l:\n- a\n- ${PATH_VAR}\n-\n- 42\nf: [x, y]\n");
    assertThat(s.strings("l")).containsExactly("a", "/var/kes/keys", "", "42");
    assertThat(s.strings("f")).containsExactly("x", "y");
  }

  static Stream<Arguments> wrongShapes() {
    return Stream.of(
        Arguments.of("v:\n  a: 1\n", "string", "cfg.yml:2: 'v' must be a single value, not a mapping"),
        Arguments.of("v: [a]\n", "string", "cfg.yml:1: 'v' must be a single value, not a list"),
        Arguments.of("v: [a]\n", "duration", "cfg.yml:1: 'v' must be a single value, not a list"),
        Arguments.of("v: [a]\n", "bool", "cfg.yml:1: 'v' must be a single value, not a list"),
        Arguments.of("v: x\n", "section", "cfg.yml:1: 'v' must be a mapping, not a single value"),
        Arguments.of("v: [x]\n", "section", "cfg.yml:1: 'v' must be a mapping, not a list"),
        Arguments.of("v: x\n", "strings", "cfg.yml:1: 'v' must be a list, not a single value"),
        Arguments.of(
            "v:\n- a\n- b: c\n", "strings", "cfg.yml:3: 'v[1]' must be a single value, not a mapping"),
        Arguments.of(
            "s:\n  t:\n    v: [1]\n",
            "nested",
            "cfg.yml:3: 's.t.v' must be a single value, not a list"));
  }

  @ParameterizedTest(name = "[{index}] {1}: {0}")
  @MethodSource("wrongShapes")
  void wrongShapesNameFieldAndLine(String text, String getter, String message) {
    assertThatThrownBy(
            () -> {
              Section s = yaml(text);
              switch (getter) {
                case "string" -> s.string("v");
                case "duration" -> s.duration("v");
                case "bool" -> s.bool("v");
                case "section" -> s.section("v");
                case "strings" -> s.strings("v");
                default -> s.section("s").orElseThrow().string("t.v");
              }
            })
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void errorPointsAtTheKeyOrItsNearestAncestor() throws ConfigException {
    Section root = yaml("a: 1\nvault:\n  endpoint: x\n  tls:\n    ca: y\n");
    Section vault = root.section("vault").orElseThrow();
    assertThat(vault.error("endpoint", "bad").getMessage()).isEqualTo("cfg.yml:3: bad");
    assertThat(vault.error("tls.key", "no key").getMessage()).isEqualTo("cfg.yml:4: no key");
    assertThat(vault.error("approle.id", "missing").getMessage()).isEqualTo("cfg.yml:2: missing");
    assertThat(root.error("nothing", "gone").getMessage()).isEqualTo("cfg.yml: gone");
  }

  // ---- documents ----

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        Arguments.of("", "cfg.yml: the config file is empty"),
        Arguments.of("# only a comment\n", "cfg.yml: the config file is empty"),
        Arguments.of("---\n", "cfg.yml: the config file is empty"),
        Arguments.of("~\n", "cfg.yml: the config file is empty"),
        Arguments.of(
            "- a\n- b\n",
            "cfg.yml:1: the config file must be a mapping of fields (such as 'address: ...'),"
                + " not a list"),
        Arguments.of(
            "just text\n",
            "cfg.yml:1: the config file must be a mapping of fields (such as 'address: ...'),"
                + " not a single value"),
        Arguments.of(
            "a: 1\nb: [unclosed\nc: 3\n",
            null), // syntax error: checked for a line below
        Arguments.of(
            "tls:\n  key: a\n  cert: b\n  key: c\n",
            "cfg.yml:4: duplicate field 'tls.key' (first defined at line 2)"),
        Arguments.of(
            "a:\n  - {x: 1, x: 2}\n", "cfg.yml:2: duplicate field 'a[0].x' (first defined at line 2)"),
        Arguments.of(
            "? [a, b]\n: c\n", "cfg.yml:1: field names must be plain text, not a mapping or list"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badDocuments")
  void rejectsBadDocuments(String text, String message) {
    var thrown = assertThatThrownBy(() -> yaml(text)).isInstanceOf(ConfigException.class);
    if (message != null) {
      thrown.hasMessage(message);
    } else {
      thrown.message().startsWith("cfg.yml:").contains("invalid YAML");
    }
  }

  @Test
  void syntaxErrorsNameTheLine() {
    assertThatThrownBy(() -> yaml("a: 1\nb: c: d\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cfg.yml:2: invalid YAML: mapping values are not allowed here");
    assertThatThrownBy(() -> yaml("a: 1\n  b: 2\nc: [\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cfg.yml:2: invalid YAML: ");
  }

  @Test
  void onlyTheFirstDocumentIsRead() throws ConfigException {
    Section s = yaml("a: first\n---\na: second\n---\n: [ not yaml {\n");
    assertThat(s.string("a")).contains("first");
  }

  @Test
  void mergeKeysWorkAsInYamlV3() throws ConfigException {
    Section s =
        yaml(
            """
            base: &base
              engine: kv
              version: v1
            vault:
              <<: *base
              version: v2
              endpoint: https://vault:8200
            """);
    Section vault = s.section("vault").orElseThrow();
    assertThat(vault.string("engine")).contains("kv");
    assertThat(vault.string("version")).contains("v2");
    assertThat(vault.keys()).containsExactly("version", "endpoint", "engine");
  }

  @Test
  void aliasesAreFollowed() throws ConfigException {
    Section s = yaml("ids: &ids\n- a\n- b\npolicy:\n  identities: *ids\n");
    assertThat(s.strings("policy.identities")).containsExactly("a", "b");
  }

  @Test
  void readsFilesAndNamesThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.yml");
    // A UTF-8 byte-order mark is allowed, as in yaml.v3.
    Files.write(file, ("\ufeffa: b\nc: ${NOPE}\n").getBytes(StandardCharsets.UTF_8));
    Section s = YamlSection.read(file, ENV::get);
    assertThat(s.string("a")).contains("b");
    assertThatThrownBy(() -> s.string("c"))
        .hasMessage(file + ":2: kesconf: referenced env. variable 'NOPE' in line '2' not found");
    Path missing = dir.resolve("nope.yml");
    assertThatThrownBy(() -> YamlSection.read(missing, ENV::get))
        .isInstanceOf(ConfigException.class)
        .hasMessage("open " + missing + ": no such file or directory");
  }

  @Test
  void secretsStayOutOfToString() throws ConfigException {
    Section s = yaml("creds:\n  secret: hunter2\n");
    assertThat(s.section("creds").orElseThrow().toString()).doesNotContain("hunter2");
  }

  private static <T> T assertDoesNotThrow(ThrowingSupplier<T> s) {
    try {
      return s.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @FunctionalInterface
  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
