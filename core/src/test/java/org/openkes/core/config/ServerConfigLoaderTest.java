package org.openkes.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkes.core.config.ServerConfig.Api;
import org.openkes.core.config.ServerConfig.ClientAuth;
import org.openkes.core.config.ServerConfig.Policy;

class ServerConfigLoaderTest {
  private static final String ADMIN = "admin-id";

  /** The smallest config that loads. */
  private static final String MINIMAL =
      """
      admin:
        identity: admin-id
      tls:
        key: ./server.key
        cert: ./server.cert
      keystore:
        fs:
          path: /tmp/kes
      """;

  private static ServerConfig parse(String yaml) throws ConfigException {
    return parse(yaml, Map.of());
  }

  private static ServerConfig parse(String yaml, Map<String, String> env) throws ConfigException {
    return ServerConfigLoader.parse("cfg.yml", yaml, env::get);
  }

  // ---- validation messages, in KES's order ----

  private static final String EVERYTHING_WRONG =
      """
      version: v1
      admin:
        identity: {A}
      tls:
        key: {K}
        cert: {C}
        auth: {AUTH}
        proxy:
          identities:
          - {P}
      policy:
        {PN}:
          allow:
          - /v1/key/*
          identities:
          - {I1}
          - {I2}
        other:
          identities:
          - {I3}
      cache:
        expiry:
          any: {ANY}
          unused: {UNUSED}
          offline: {OFFLINE}
      log:
        error: {LERR}
        audit: {LAUD}
      api:
        /v1/status:
          timeout: {TIMEOUT}
      keys:
      - name: {K1}
      - name: {K2}
      keystore:{KS}
      """;

  /** The error expected while the config is as it is, then the fix that exposes the next one. */
  private record Step(String message, String placeholder, String fix) {}

  @Test
  void reportsEveryViolationInKesOrder() throws ConfigException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("A", "\"\"");
    values.put("K", "\"\"");
    values.put("C", "");
    values.put("AUTH", "maybe");
    values.put("P", ADMIN);
    values.put("PN", "my.app");
    values.put("I1", ADMIN);
    values.put("I2", "proxy-id");
    values.put("I3", "app-id");
    values.put("ANY", "-1s");
    values.put("UNUSED", "-1m30s");
    values.put("OFFLINE", "-1ns");
    values.put("LERR", "verbose");
    values.put("LAUD", "INFO-1");
    values.put("TIMEOUT", "-1s");
    values.put("K1", "my-key");
    values.put("K2", "my-key");
    values.put("KS", "");
    List<Step> steps =
        List.of(
            new Step(
                "cfg.yml:3: kesconf: invalid admin identity: no admin identity", "A", ADMIN),
            new Step("cfg.yml:5: kesconf: invalid tls config: no private key", "K", "./k"),
            new Step("cfg.yml:6: kesconf: invalid tls config: no certificate", "C", "./c"),
            new Step("cfg.yml:7: kesconf: invalid tls config: invalid auth 'maybe'", "AUTH", "On"),
            new Step(
                "cfg.yml:10: kesconf: invalid tls proxy: identity 'admin-id' is already admin",
                "P",
                "proxy-id"),
            new Step(
                "cfg.yml:16: kesconf: invalid policy 'my.app': identity 'admin-id' is already admin",
                "I1",
                "app-id"),
            new Step(
                "cfg.yml:17: kesconf: invalid policy 'my.app': identity 'proxy-id' is already a TLS"
                    + " proxy",
                "I2",
                "bad.id"),
            new Step("cfg.yml:23: kesconf: invalid cache expiry '-1s'", "ANY", "10m"),
            new Step("cfg.yml:24: kesconf: invalid cache unused expiry '-1m30s'", "UNUSED", "20s"),
            new Step("cfg.yml:25: kesconf: invalid offline cache expiry '-1ns'", "OFFLINE", "1h"),
            new Step("cfg.yml:27: strconv.Atoi: parsing \"VERBOSE\": invalid syntax", "LERR", "warn"),
            new Step("cfg.yml:28: kesconf: invalid log level 'INFO-1'", "LAUD", "off"),
            new Step(
                "cfg.yml:31: kesconf: invalid timeout '-1000000000' for API '/v1/status'",
                "TIMEOUT",
                "20s"),
            new Step(
                "cfg.yml:34: kesconf: invalid key config: key 'my-key' is defined multiple times",
                "K2",
                "my.key"),
            new Step(
                "cfg.yml:35: kesconf: no keystore specified", "KS", "\n  fs:\n    path: /tmp/kes"),
            // What the KES server checks at startup (§2.5), then our predefined-key check (§4.8).
            new Step(
                "cfg.yml:12: kes: policy name 'my.app' is empty, too long or contains invalid"
                    + " characters",
                "PN",
                "app"),
            new Step(
                "cfg.yml:17: kes: identity 'bad.id' is empty, too long or contains invalid"
                    + " characters",
                "I2",
                "app-id-2"),
            new Step(
                "cfg.yml:20: kes: cannot assign policy 'other' to 'app-id': identity already has a"
                    + " policy",
                "I3",
                "other-id"),
            new Step(
                "cfg.yml:34: kes: predefined key name 'my.key' is empty, too long or contains"
                    + " invalid characters",
                "K2",
                "my-key-2"));
    List<String> seen = new ArrayList<>();
    for (Step step : steps) {
      String yaml = fill(EVERYTHING_WRONG, values);
      assertThatThrownBy(() -> parse(yaml))
          .as("after fixing %s", seen)
          .isInstanceOf(ConfigException.class)
          .hasMessage(step.message());
      values.put(step.placeholder(), step.fix());
      seen.add(step.placeholder());
    }
    ServerConfig c = parse(fill(EVERYTHING_WRONG, values));
    assertThat(c.tls().verifyClientCerts()).isTrue(); // "On": case-insensitive
    assertThat(c.cache()).isEqualTo(new ServerConfig.Cache(
        Duration.ofMinutes(10), Duration.ofSeconds(20), Duration.ofHours(1)));
    assertThat(c.log().error()).isEqualTo(LogLevel.WARN);
    assertThat(c.log().audit()).isEqualTo(LogLevel.OFF);
    assertThat(c.keys()).containsExactly("my-key", "my-key-2");
  }

  private static String fill(String template, Map<String, String> values) {
    String out = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  static Stream<Arguments> singleErrors() {
    return Stream.of(
        Arguments.of("version: v2\n" + MINIMAL, "cfg.yml:1: edge: invalid server config version 'v2'"),
        Arguments.of("version: 1\n" + MINIMAL, "cfg.yml:1: edge: invalid server config version '1'"),
        Arguments.of(
            "version: [v1]\n" + MINIMAL, "cfg.yml:1: kesconf: invalid config version at line '1'"),
        Arguments.of(
            "version:\n  v: 1\n" + MINIMAL,
            "cfg.yml:2: kesconf: invalid config version at line '2'"),
        // version is checked before anything else, even before env references
        Arguments.of(
            "address: ${NOPE}\nversion: v0\n" + MINIMAL,
            "cfg.yml:2: edge: invalid server config version 'v0'"),
        Arguments.of(
            "tls:\n  key: k\n  cert: c\nkeystore:\n  fs: {path: x}\n",
            "cfg.yml: kesconf: invalid admin identity: no admin identity"),
        Arguments.of(
            "admin:\n  identity: a\nkeystore:\n  fs: {path: x}\n",
            "cfg.yml: kesconf: invalid tls config: no private key"),
        Arguments.of(
            "admin:\n  identity: a\ntls:\n  key: k\nkeystore:\n  fs: {path: x}\n",
            "cfg.yml:3: kesconf: invalid tls config: no certificate"),
        Arguments.of(
            "admin:\n  identity: a\ntls:\n  key: k\n  cert: c\n",
            "cfg.yml: kesconf: no keystore specified"),
        Arguments.of(MINIMAL.replace("fs:\n    path: /tmp/kes", "{}"),
            "cfg.yml:6: kesconf: no keystore specified"),
        Arguments.of(
            MINIMAL.replace("  fs:\n    path: /tmp/kes\n", "  - fs\n"),
            "cfg.yml:7: 'keystore' must be a mapping, not a list"),
        // field-level problems come in file order, before KES's checks
        Arguments.of(
            "cache:\n  expiry:\n    any: 5\n" + MINIMAL,
            "cfg.yml:3: 'cache.expiry.any' is not a valid duration: time: missing unit in"
                + " duration \"5\""),
        Arguments.of(
            "api:\n  /v1/status:\n    skip_auth: maybe\n" + MINIMAL,
            "cfg.yml:3: 'api./v1/status.skip_auth' is not a valid boolean: expected true or false"
                + " (or yes/no, on/off), got 'maybe'"),
        Arguments.of(
            MINIMAL.replace("tls:\n  key: ./server.key\n  cert: ./server.cert\n", "tls: ./k\n"),
            "cfg.yml:3: 'tls' must be a mapping, not a single value"),
        Arguments.of(
            "address:\n  host: x\n" + MINIMAL,
            "cfg.yml:2: 'address' must be a single value, not a mapping"),
        Arguments.of(
            "keys:\n  fs:\n    path: /x\n" + MINIMAL, "cfg.yml:2: 'keys' must be a list, not a mapping"),
        Arguments.of(
            "keys:\n- my-key\n" + MINIMAL,
            "cfg.yml:2: 'keys[0]' must be a mapping, not a single value"),
        Arguments.of(
            "policy:\n  app:\n    allow: /v1/*\n" + MINIMAL,
            "cfg.yml:3: 'policy.app.allow' must be a list, not a single value"),
        Arguments.of(
            "policy:\n  app:\n  - /v1/*\n" + MINIMAL,
            "cfg.yml:3: 'policy.app' must be a mapping, not a list"),
        Arguments.of(
            "admin:\n  identity: ${ADMIN_ID}\n"
                + "tls:\n  key: k\n  cert: c\nkeystore:\n  fs: {path: x}\n",
            "cfg.yml:2: kesconf: referenced env. variable 'ADMIN_ID' in line '2' not found"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("singleErrors")
  void rejects(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void minimalConfigGetsDefaults() throws ConfigException {
    ServerConfig c = parse(MINIMAL);
    assertThat(c.address()).isEmpty();
    assertThat(c.adminIdentity()).isEqualTo(ADMIN);
    assertThat(c.tls().key()).isEqualTo("./server.key");
    assertThat(c.tls().cert()).isEqualTo("./server.cert");
    assertThat(c.tls().password()).isEmpty();
    assertThat(c.tls().ca()).isEmpty();
    assertThat(c.tls().verifyClientCerts()).isFalse();
    assertThat(c.tls().proxy()).isEqualTo(ServerConfig.Proxy.NONE);
    assertThat(c.clientAuth()).isEqualTo(ClientAuth.REQUIRE_ANY);
    assertThat(c.api()).isEmpty();
    assertThat(c.policies()).isEmpty();
    assertThat(c.cache()).isEqualTo(ServerConfig.Cache.DEFAULT);
    assertThat(c.log()).isEqualTo(ServerConfig.Log.DEFAULT);
    assertThat(c.keys()).isEmpty();
    assertThat(c.keystore().path()).isEqualTo("keystore");
    assertThat(c.keystore().keys()).containsExactly("fs");
    assertThat(c.warnings()).isEmpty();
  }

  // ---- env ----

  @Test
  void envSubstitutionAcrossTheServerSections() throws ConfigException {
    Map<String, String> env = new HashMap<>();
    env.put("ADDR", "127.0.0.1:7000");
    env.put("ADMIN", ADMIN);
    env.put("KEY", "/etc/kes/key.pem");
    env.put("CERT", "/etc/kes/cert.pem");
    env.put("PASS", "");
    env.put("AUTH", "on");
    env.put("APP", "app-identity");
    env.put("PROXY", "proxy-identity");
    env.put("ANY", "10m");
    env.put("SKIP", "true");
    env.put("TIMEOUT", "42s");
    env.put("LEVEL", "debug");
    env.put("KEYNAME", "env-key");
    env.put("FS", "/var/keys");
    ServerConfig c =
        parse(
            """
            address: ${ADDR}
            admin:
              identity: ${ ADMIN }
            tls:
              key: ${KEY}
              cert: "${CERT}"
              password: ${PASS}
              ca: pre-${KEY}
              auth: ${AUTH}
              proxy:
                identities: [ "${PROXY}" ]
            policy:
              app:
                allow: [ "/v1/key/create/${APP}*" ]
                identities: [ "${APP}" ]
            cache:
              expiry:
                any: ${ANY}
            api:
              /v1/metrics:
                skip_auth: ${SKIP}
                timeout: ${TIMEOUT}
            log:
              error: ${LEVEL}
            keys:
            - name: ${KEYNAME}
            keystore:
              fs:
                path: ${FS}
            """,
            env);
    assertThat(c.address()).isEqualTo("127.0.0.1:7000");
    assertThat(c.adminIdentity()).isEqualTo(ADMIN);
    assertThat(c.tls().key()).isEqualTo("/etc/kes/key.pem");
    assertThat(c.tls().cert()).isEqualTo("/etc/kes/cert.pem");
    assertThat(c.tls().password()).isEmpty();
    assertThat(c.tls().verifyClientCerts()).isTrue();
    assertThat(c.tls().proxy().identities()).containsExactly("proxy-identity");
    // allow/deny patterns are never substituted (§4.1)
    assertThat(c.policies().get("app").allow()).containsExactly("/v1/key/create/${APP}*");
    assertThat(c.policies().get("app").identities()).containsExactly("app-identity");
    assertThat(c.cache().any()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.api().get("/v1/metrics")).isEqualTo(new Api(Duration.ofSeconds(42), true));
    assertThat(c.clientAuth()).isEqualTo(ClientAuth.VERIFY_IF_GIVEN);
    assertThat(c.log().error()).isEqualTo(LogLevel.DEBUG);
    assertThat(c.tls().ca()).isEqualTo("pre-${KEY}"); // no partial interpolation
    assertThat(c.keys()).containsExactly("env-key");
    assertThat(c.keystore().string("fs.path")).contains("/var/keys");
  }

  @Test
  void emptyEnvValueForAdminIsNoAdmin() {
    assertThatThrownBy(
            () -> parse(MINIMAL.replace("identity: admin-id", "identity: ${A}"), Map.of("A", "")))
        .hasMessage("cfg.yml:2: kesconf: invalid admin identity: no admin identity");
  }

  @Test
  void badValuesThroughEnvNameTheField() {
    assertThatThrownBy(
            () ->
                parse(
                    "api:\n  /v1/ready:\n    timeout: ${T}\n" + MINIMAL, Map.of("T", "300")))
        .hasMessage(
            "cfg.yml:3: 'api./v1/ready.timeout' is not a valid duration: time: missing unit in"
                + " duration \"300\"");
    assertThatThrownBy(
            () -> parse("api:\n  /v1/ready:\n    skip_auth: ${S}\n" + MINIMAL, Map.of("S", "1")))
        .hasMessageStartingWith("cfg.yml:3: 'api./v1/ready.skip_auth' is not a valid boolean");
  }

  @Test
  void keystoreEnvIsLeftToTheProvider() throws ConfigException {
    ServerConfig c = parse(MINIMAL.replace("path: /tmp/kes", "path: ${MISSING}"));
    assertThatThrownBy(() -> c.keystore().string("fs.path"))
        .hasMessage("cfg.yml:8: kesconf: referenced env. variable 'MISSING' in line '8' not found");
  }

  // ---- cache (§4.5) ----

  static Stream<Arguments> cacheDefaults() {
    return Stream.of(
        Arguments.of("", "5m0s", "30s", "0s"),
        Arguments.of("cache:\n", "5m0s", "30s", "0s"),
        Arguments.of("cache:\n  expiry:\n    any: 10m\n", "10m0s", "30s", "0s"), // real KES: 30s/0
        Arguments.of("cache:\n  expiry:\n    unused: 20s\n", "5m0s", "20s", "0s"),
        Arguments.of("cache:\n  expiry:\n    any: 1m\n    unused: 5s\n", "1m0s", "5s", "0s"),
        Arguments.of("cache:\n  expiry:\n    any: 0s\n    unused: 0s\n", "5m0s", "30s", "0s"),
        Arguments.of("cache:\n  expiry:\n    offline: 1h\n", "5m0s", "30s", "1h0m0s"));
  }

  @ParameterizedTest(name = "[{index}] any={1} unused={2} offline={3}")
  @MethodSource("cacheDefaults")
  void cacheUsesTheIntendedDefaults(String cache, String any, String unused, String offline)
      throws ConfigException {
    ServerConfig.Cache c = parse(cache + MINIMAL).cache();
    assertThat(org.openkes.core.codec.GoDuration.format(c.any())).isEqualTo(any);
    assertThat(org.openkes.core.codec.GoDuration.format(c.unused())).isEqualTo(unused);
    assertThat(org.openkes.core.codec.GoDuration.format(c.offline())).isEqualTo(offline);
  }

  // ---- api (§4.7) ----

  @Test
  void apiSettings() throws ConfigException {
    ServerConfig c =
        parse(
            """
            api:
              /v1/status:
                timeout: 17s
                skip_auth: true
              /v1/metrics:
                timeout: 22s
              /v1/key/create/:
                skip_auth: false
              /v1/key/create:
                timeout: 1s
              /v1/nothing:
                skip_auth: yes
              /v1/ready:
            """
                + MINIMAL);
    assertThat(c.api())
        .containsEntry("/v1/status", new Api(Duration.ofSeconds(17), true))
        .containsEntry("/v1/metrics", new Api(Duration.ofSeconds(22), false))
        .containsEntry("/v1/key/create/", new Api(Duration.ZERO, false))
        .containsEntry("/v1/ready", new Api(Duration.ZERO, false));
    assertThat(c.api().keySet())
        .containsExactly(
            "/v1/status", "/v1/metrics", "/v1/key/create/", "/v1/key/create", "/v1/nothing",
            "/v1/ready");
    // Unmatched paths load (KES ignores them) and are reported as warnings.
    assertThat(c.warnings())
        .containsExactly(
            "cfg.yml:9: api path '/v1/key/create' matches no route and is ignored (did you mean"
                + " '/v1/key/create/'?)",
            "cfg.yml:11: api path '/v1/nothing' matches no route and is ignored");
    assertThat(c.clientAuth()).isEqualTo(ClientAuth.REQUEST);
  }

  @Test
  void skipAuthOnAnUnknownPathStillRelaxesTheHandshakeLikeKes() throws ConfigException {
    ServerConfig c = parse("api:\n  /v1/nope:\n    skip_auth: true\n" + MINIMAL);
    assertThat(c.anySkipAuth()).isTrue();
    assertThat(c.clientAuth()).isEqualTo(ClientAuth.REQUEST);
  }

  static Stream<Arguments> clientAuthModes() {
    return Stream.of(
        Arguments.of("", false, ClientAuth.REQUIRE_ANY),
        Arguments.of("off", false, ClientAuth.REQUIRE_ANY),
        Arguments.of("OFF", true, ClientAuth.REQUEST),
        Arguments.of("on", false, ClientAuth.REQUIRE_AND_VERIFY),
        Arguments.of("ON", true, ClientAuth.VERIFY_IF_GIVEN));
  }

  @ParameterizedTest(name = "[{index}] auth={0} skip={1}")
  @MethodSource("clientAuthModes")
  void clientAuthMode(String auth, boolean skip, ClientAuth mode) throws ConfigException {
    String yaml =
        MINIMAL.replace("cert: ./server.cert", "cert: ./server.cert\n  auth: \"" + auth + "\"")
            + "api:\n  /v1/ready:\n    skip_auth: "
            + skip
            + "\n";
    assertThat(parse(yaml).clientAuth()).isEqualTo(mode);
  }

  @Test
  void negativeTimeoutIsPrintedInNanoseconds() {
    assertThatThrownBy(() -> parse("api:\n  /v1/api:\n    timeout: -1.5ms\n" + MINIMAL))
        .hasMessage("cfg.yml:3: kesconf: invalid timeout '-1500000' for API '/v1/api'");
  }

  // ---- policies (§2.5) ----

  @Test
  void policiesKeepFileOrderAndDropDuplicatePatterns() throws ConfigException {
    ServerConfig c =
        parse(
            """
            policy:
              zeta:
                allow: [/v1/key/list/*, /v1/key/list/*, /v1/status]
                deny: [/v1/key/delete/*]
                identities: [id-1, id-2]
              alpha:
              beta:
                identities: []
            """
                + MINIMAL);
    assertThat(c.policies().keySet()).containsExactly("zeta", "alpha", "beta");
    assertThat(c.policies().get("zeta"))
        .isEqualTo(
            new Policy(
                List.of("/v1/key/list/*", "/v1/status"),
                List.of("/v1/key/delete/*"),
                List.of("id-1", "id-2")));
    assertThat(c.policies().get("alpha")).isEqualTo(new Policy(List.of(), List.of(), List.of()));
  }

  static Stream<Arguments> policyErrors() {
    return Stream.of(
        Arguments.of(
            "policy:\n  a:\n    identities: [x1]\n  b:\n    identities:\n    - x2\n    - x1\n",
            "cfg.yml:7: kes: cannot assign policy 'b' to 'x1': identity already has a policy"),
        Arguments.of(
            "policy:\n  a:\n    identities: [x1, x1]\n",
            "cfg.yml:3: kes: cannot assign policy 'a' to 'x1': identity already has a policy"),
        Arguments.of(
            "policy:\n  a:\n    identities:\n    - admin-id\n",
            "cfg.yml:4: kesconf: invalid policy 'a': identity 'admin-id' is already admin"),
        Arguments.of(
            "tls:\n  proxy:\n    identities: [p1]\npolicy:\n  a:\n    identities: [p1]\n",
            null), // duplicate 'tls' with MINIMAL: replaced below
        Arguments.of(
            "policy:\n  _:\n    allow: []\n",
            "cfg.yml:2: kes: policy name '_' is empty, too long or contains invalid characters"),
        Arguments.of(
            "policy:\n  -app:\n    allow: []\n",
            "cfg.yml:2: kes: policy name '-app' is empty, too long or contains invalid"
                + " characters"),
        Arguments.of(
            "policy:\n  \"\":\n    allow: []\n",
            "cfg.yml:2: kes: policy name '' is empty, too long or contains invalid characters"),
        Arguments.of(
            "policy:\n  app:\n    identities:\n    -\n",
            "cfg.yml:4: kes: identity '' is empty, too long or contains invalid characters"),
        Arguments.of(
            "policy:\n  app:\n    identities: [\"" + "a".repeat(81) + "\"]\n",
            "cfg.yml:3: kes: identity '"
                + "a".repeat(81)
                + "' is empty, too long or contains invalid characters"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("policyErrors")
  void policyValidation(String policy, String message) {
    if (message == null) {
      String yaml =
          MINIMAL.replace("cert: ./server.cert", "cert: ./server.cert\n  proxy:\n    identities: [p1]")
              + "policy:\n  a:\n    identities: [p1]\n";
      assertThatThrownBy(() -> parse(yaml))
          .hasMessage("cfg.yml:13: kesconf: invalid policy 'a': identity 'p1' is already a TLS proxy");
      return;
    }
    assertThatThrownBy(() -> parse(policy + MINIMAL))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void proxyIdentitiesAreCheckedAndFlaggedAsIgnored() throws ConfigException {
    String yaml =
        MINIMAL.replace(
            "cert: ./server.cert",
            "cert: ./server.cert\n  proxy:\n    identities: [p1]\n    header:\n      cert: X-Cert");
    ServerConfig c = parse(yaml);
    assertThat(c.tls().proxy()).isEqualTo(new ServerConfig.Proxy(List.of("p1"), "X-Cert"));
    assertThat(c.warnings()).singleElement().asString().startsWith("cfg.yml:7: tls.proxy is checked but otherwise ignored");
  }

  // ---- keys (§4.8) ----

  static Stream<Arguments> keyErrors() {
    return Stream.of(
        Arguments.of(
            "keys:\n- name: a\n- name: b\n- name: a\n",
            "cfg.yml:4: kesconf: invalid key config: key 'a' is defined multiple times"),
        Arguments.of(
            "keys:\n- name: a.b\n",
            "cfg.yml:2: kes: predefined key name 'a.b' is empty, too long or contains invalid"
                + " characters"),
        Arguments.of(
            "keys:\n- name: key/1\n",
            "cfg.yml:2: kes: predefined key name 'key/1' is empty, too long or contains invalid"
                + " characters"),
        Arguments.of(
            "keys:\n-\n", "cfg.yml:2: kes: predefined key name '' is empty, too long or contains"
                + " invalid characters"),
        Arguments.of(
            "keys:\n- name: \"\"\n- name: \"\"\n",
            "cfg.yml:3: kesconf: invalid key config: key '' is defined multiple times"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("keyErrors")
  void predefinedKeys(String keys, String message) {
    assertThatThrownBy(() -> parse(keys + MINIMAL))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void validKeyNames() throws ConfigException {
    assertThat(parse("keys:\n- name: my-key\n- name: _-___---_\n- name: \"0\"\n" + MINIMAL).keys())
        .containsExactly("my-key", "_-___---_", "0");
  }

  // ---- unknown fields ----

  static Stream<Arguments> unknownFields() {
    return Stream.of(
        Arguments.of("adress: 0.0.0.0:7373\n", "cfg.yml:1: unknown field 'adress'"),
        Arguments.of(
            "root: abc\n",
            "cfg.yml:1: unknown field 'root' (KES v0.24 reads the admin identity from"
                + " 'admin.identity')"),
        Arguments.of("admin:\n  id: x\n", "cfg.yml:2: unknown field 'admin.id'"),
        Arguments.of("tls:\n  key: k\n  cerf: c\n", "cfg.yml:3: unknown field 'tls.cerf'"),
        Arguments.of(
            "tls:\n  proxy:\n    identity: [a]\n", "cfg.yml:3: unknown field 'tls.proxy.identity'"),
        Arguments.of(
            "tls:\n  proxy:\n    header:\n      crt: X\n",
            "cfg.yml:4: unknown field 'tls.proxy.header.crt'"),
        Arguments.of(
            "policy:\n  my-app:\n    paths: [/v1/*]\n",
            "cfg.yml:3: unknown field 'policy.my-app.paths' (KES v0.24 uses 'allow' and 'deny')"),
        Arguments.of(
            "policy:\n  my-app:\n    allows: [/v1/*]\n",
            "cfg.yml:3: unknown field 'policy.my-app.allows'"),
        Arguments.of("cache:\n  expire:\n    any: 1m\n", "cfg.yml:2: unknown field 'cache.expire'"),
        Arguments.of(
            "cache:\n  expiry:\n    all: 1m\n", "cfg.yml:3: unknown field 'cache.expiry.all'"),
        Arguments.of(
            "api:\n  /v1/status:\n    skipauth: true\n",
            "cfg.yml:3: unknown field 'api./v1/status.skipauth'"),
        Arguments.of("log:\n  errors: on\n", "cfg.yml:2: unknown field 'log.errors'"),
        Arguments.of(
            "keys:\n- name: a\n- name: b\n  type: aes\n", "cfg.yml:4: unknown field 'keys[1].type'"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("unknownFields")
  void unknownFieldsNameFieldAndLine(String prefix, String message) {
    // Put the unknown bit first so that its line numbers are those of the table; duplicate
    // sections of MINIMAL are avoided by stripping them.
    String rest = MINIMAL;
    if (prefix.startsWith("tls:")) {
      rest = rest.replace("tls:\n  key: ./server.key\n  cert: ./server.cert\n", "");
    } else if (prefix.startsWith("admin:")) {
      rest = rest.replace("admin:\n  identity: admin-id\n", "");
    }
    String yaml = prefix + rest;
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void unknownFieldsInsideKeystoreAreForTheProvider() throws ConfigException {
    ServerConfig c = parse(MINIMAL + "    retry: 15s\n  whatever:\n    x: 1\n");
    assertThat(c.keystore().keys()).containsExactly("fs", "whatever");
  }

  // ---- keystore only (kes migrate) ----

  @Test
  void keystoreOnlyAcceptsAFullConfigWithoutTouchingTls(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("from.yml");
    Files.writeString(
        file,
        """
        address: 0.0.0.0:7373
        admin:
          identity: disabled
        tls:
          key: /does/not/exist/server.key
          cert: /does/not/exist/server.cert
          ca: /does/not/exist/ca
        policy:
          my-app:
            allow: [/v1/key/*]
            identities: [not.a.valid.name]
        cache:
          expiry:
            any: -1s
        log:
          error: nonsense
        keystore:
          fs:
            path: /var/kes/keys
        """);
    Section ks = ServerConfigLoader.loadKeystore(file, name -> null);
    assertThat(ks.path()).isEqualTo("keystore");
    assertThat(ks.string("fs.path")).contains("/var/kes/keys");
  }

  @Test
  void keystoreOnlyAcceptsAFileWithJustAKeystore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("to.yml");
    Files.writeString(file, "keystore:\n  vault:\n    endpoint: ${VAULT}\n");
    Section ks = ServerConfigLoader.loadKeystore(file, Map.of("VAULT", "https://v:8200")::get);
    assertThat(ks.string("vault.endpoint")).contains("https://v:8200");
  }

  static Stream<Arguments> keystoreOnlyErrors() {
    return Stream.of(
        Arguments.of("admin:\n  identity: a\n", "cfg.yml: kesconf: no keystore specified"),
        Arguments.of("keystore:\n", "cfg.yml:1: kesconf: no keystore specified"),
        Arguments.of("keystore: {}\n", "cfg.yml:1: kesconf: no keystore specified"),
        Arguments.of("keystore: fs\n", "cfg.yml:1: 'keystore' must be a mapping, not a single value"),
        Arguments.of("keystor:\n  fs:\n    path: x\n", "cfg.yml:1: unknown field 'keystor'"),
        Arguments.of(
            "version: v3\nkeystore:\n  fs:\n    path: x\n",
            "cfg.yml:1: edge: invalid server config version 'v3'"),
        Arguments.of("", "cfg.yml: the config file is empty"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("keystoreOnlyErrors")
  void keystoreOnlyErrors(String yaml, String message) {
    assertThatThrownBy(() -> ServerConfigLoader.parseKeystore("cfg.yml", yaml, name -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    Path file = dir.resolve("missing.yml");
    assertThatThrownBy(() -> ServerConfigLoader.load(file, name -> null))
        .hasMessage("open " + file + ": no such file or directory");
    assertThatThrownBy(() -> ServerConfigLoader.loadKeystore(file, name -> null))
        .hasMessage("open " + file + ": no such file or directory");
  }

  // ---- whole files ----

  @Test
  void kesSampleConfigLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("server-config.yml");
    try (InputStream in = getClass().getResourceAsStream("server-config.yml")) {
      Files.write(file, in.readAllBytes());
    }
    ServerConfig c =
        ServerConfigLoader.load(file, Map.of("KES_VAULT_APPROLE_SECRET", "s3cr3t")::get);
    assertThat(c.address()).isEqualTo("0.0.0.0:7373");
    assertThat(c.adminIdentity())
        .isEqualTo("c84cc9b91ae2399b043da7eca616048d4b4200edf2ff418d8af3835911db945d");
    assertThat(c.tls().key()).isEqualTo("./server.key");
    assertThat(c.tls().cert()).isEqualTo("./server.cert");
    assertThat(c.tls().proxy()).isEqualTo(new ServerConfig.Proxy(List.of(), "X-Tls-Client-Cert"));
    assertThat(c.clientAuth()).isEqualTo(ClientAuth.REQUIRE_ANY);
    assertThat(c.api().keySet()).containsExactly("/v1/ready", "/v1/status", "/v1/metrics", "/v1/api");
    assertThat(c.api().values()).allMatch(a -> a.equals(new Api(Duration.ofSeconds(15), false)));
    assertThat(c.policies().keySet()).containsExactly("my-app", "my-app-ops");
    assertThat(c.policies().get("my-app").deny()).hasSize(2);
    assertThat(c.policies().get("my-app").identities()).hasSize(2);
    assertThat(c.cache())
        .isEqualTo(
            new ServerConfig.Cache(Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ZERO));
    assertThat(c.log()).isEqualTo(new ServerConfig.Log(LogLevel.INFO, LogLevel.OFF));
    assertThat(c.keys()).containsExactly("some-key-name", "another-key-name");
    assertThat(c.keystore().keys()).containsExactly("vault");
    assertThat(c.keystore().string("vault.approle.secret")).contains("s3cr3t");
    assertThat(c.keystore().duration("vault.status.ping")).contains(Duration.ofSeconds(10));
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void kesRepositoryCustomApiTestFileLoads() throws ConfigException {
    // kesconf/testdata/custom-api.yml of the KES repository, as its test reads it.
    ServerConfig c =
        parse(
            """

            address: 0.0.0.0:7373
            admin:
              identity: disabled
             \s
            tls:
              key: ./private.key
              cert: ./public.crt
             \s
            cache:
              expiry:
                any: 5m0s
                unused: 30s
                offline: 0s

            api:
              /v1/status:
                timeout: 17s
                skip_auth: true   \s
              /v1/metrics:
                timeout: 22s
                skip_auth: true

            keystore:
              fs:
                path: /tmp/kes""");
    assertThat(c.api().get("/v1/status")).isEqualTo(new Api(Duration.ofSeconds(17), true));
    assertThat(c.api().get("/v1/metrics")).isEqualTo(new Api(Duration.ofSeconds(22), true));
  }

  @Test
  void mapSectionConfigsLoadTheSameWay() throws ConfigException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("admin", Map.of("identity", "${ADMIN}"));
    root.put("tls", Map.of("key", "k", "cert", "c"));
    root.put("api", Map.of("/v1/ready", Map.of("skip_auth", true, "timeout", Duration.ofSeconds(3))));
    root.put("keystore", Map.of("fs", Map.of("path", "/tmp/x")));
    ServerConfig c =
        ServerConfigLoader.load(MapSection.of("test", root, Map.of("ADMIN", ADMIN)::get));
    assertThat(c.adminIdentity()).isEqualTo(ADMIN);
    assertThat(c.api().get("/v1/ready")).isEqualTo(new Api(Duration.ofSeconds(3), true));

    root.put("tls", Map.of("key", "k"));
    assertThatThrownBy(() -> ServerConfigLoader.load(MapSection.of("test", root, name -> null)))
        .hasMessage("test: kesconf: referenced env. variable 'ADMIN' in 'admin.identity' not found");
    assertThatThrownBy(
            () -> ServerConfigLoader.load(MapSection.of("test", root, Map.of("ADMIN", "a")::get)))
        .hasMessage("test: kesconf: invalid tls config: no certificate");
    root.put("tls", Map.of("key", "k", "cert", "c", "cerf", "x"));
    assertThatThrownBy(
            () -> ServerConfigLoader.load(MapSection.of("test", root, Map.of("ADMIN", "a")::get)))
        .hasMessageStartingWith("test: unknown field 'tls.")
        .hasMessageEndingWith("'");
  }

  @Test
  void onlyRootSectionsCanBeLoaded() throws ConfigException {
    Section keystore = parse(MINIMAL).keystore();
    assertThatThrownBy(() -> ServerConfigLoader.load(keystore))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsAreNotPrinted() throws ConfigException {
    ServerConfig c = parse(MINIMAL.replace("cert: ./server.cert", "cert: c\n  password: hunter2"));
    assertThat(c.tls().password()).isEqualTo("hunter2");
    assertThat(c.toString()).doesNotContain("hunter2");
  }
}
