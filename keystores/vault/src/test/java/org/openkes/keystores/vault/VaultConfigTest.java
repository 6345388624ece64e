package org.openkes.keystores.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ConfigException;
import org.openkes.core.config.MapSection;
import org.openkes.core.config.Section;
import org.openkes.core.config.YamlSection;
import org.openkes.core.keystore.KeyStores;
import org.openkes.keystores.vault.VaultConfig.AppRole;
import org.openkes.keystores.vault.VaultConfig.KvVersion;
import org.openkes.keystores.vault.VaultConfig.Kubernetes;

/** The {@code keystore.vault} section: real KES's fields, defaults, order and messages. */
class VaultConfigTest {
  @TempDir Path tmp;

  private static Map<String, Object> base() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", "https://vault.example:8200");
    m.put("approle", Map.of("id", "role-id", "secret", "secret-id"));
    return m;
  }

  private static VaultConfig parse(Map<String, ?> m) throws ConfigException {
    return VaultConfig.parse(MapSection.of(m));
  }

  private static void assertError(Map<String, ?> m, String message) {
    assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void defaultsAreRealKesDefaults() throws Exception {
    VaultConfig c = parse(base());
    assertThat(c.endpoint().toString()).isEqualTo("https://vault.example:8200");
    assertThat(c.engine()).isEqualTo("kv");
    assertThat(c.version()).isEqualTo(KvVersion.V1);
    assertThat(c.namespace()).isEmpty();
    assertThat(c.prefix()).isEmpty();
    assertThat(c.transit()).isEmpty();
    assertThat(c.statusPing()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.auth()).isEqualTo(new AppRole("approle", "", "role-id", "secret-id"));
    assertThat(c.tls()).isEqualTo(VaultConfig.Tls.NONE);
  }

  @Test
  void everyFieldIsRead() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", "http://127.0.0.1:8200");
    m.put("engine", "secrets");
    m.put("version", "v2");
    m.put("namespace", "tenant1");
    m.put("prefix", "kes/keys");
    m.put("transit", Map.of("engine", "my-transit", "key", "wrap"));
    m.put("kubernetes", Map.of("engine", "k8s", "namespace", "/", "role", "kes", "jwt", "eyJhbGciOi.x.y"));
    m.put("tls", Map.of("ca", "/etc/ca.pem"));
    m.put("status", Map.of("ping", "3s"));
    VaultConfig c = parse(m);
    assertThat(c.engine()).isEqualTo("secrets");
    assertThat(c.version()).isEqualTo(KvVersion.V2);
    assertThat(c.namespace()).isEqualTo("tenant1");
    assertThat(c.prefix()).isEqualTo("kes/keys");
    assertThat(c.transit()).contains(new VaultConfig.Transit("my-transit", "wrap"));
    assertThat(c.auth()).isEqualTo(new Kubernetes("k8s", "/", "kes", "eyJhbGciOi.x.y"));
    assertThat(c.tls()).isEqualTo(new VaultConfig.Tls("", "", "/etc/ca.pem"));
    assertThat(c.statusPing()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.entryPath("my-key")).isEqualTo("secrets/data/kes/keys/my-key");
    assertThat(c.metadataPath("my-key")).isEqualTo("secrets/metadata/kes/keys/my-key");
    assertThat(c.listPath()).isEqualTo("secrets/metadata/kes/keys");
  }

  @Test
  void defaultEnginesOfAuthAndTransit() throws Exception {
    Map<String, Object> m = base();
    m.put("transit", Map.of("key", "k"));
    assertThat(parse(m).transit().orElseThrow().engine()).isEqualTo("transit");
    m = base();
    m.remove("approle");
    m.put("kubernetes", Map.of("role", "r", "jwt", "token"));
    assertThat(((Kubernetes) parse(m).auth()).engine()).isEqualTo("kubernetes");
  }

  @Test
  void pathsAreJoinedLikeGosPathJoin() throws Exception {
    Map<String, Object> m = base();
    m.put("engine", "/kv/");
    m.put("prefix", "//a/./b/");
    VaultConfig c = parse(m);
    assertThat(c.entryPath("k")).isEqualTo("/kv/a/b/k");
    assertThat(c.listPath()).isEqualTo("/kv/a/b");
    m.put("prefix", "");
    m.put("engine", "kv");
    assertThat(parse(m).entryPath("k")).isEqualTo("kv/k");
    assertThat(GoPath.join("kv", "a/../..", "x")).isEqualTo("x");
    assertThat(GoPath.join("", "")).isEmpty();
    assertThat(GoPath.clean("../a")).isEqualTo("../a");
    assertThat(GoPath.clean("/../a")).isEqualTo("/a");
  }

  @Test
  void realKesMessagesInRealKesOrder() {
    Map<String, Object> m = base();
    m.remove("endpoint");
    assertError(m, "kesconf: invalid vault keystore: no endpoint specified");

    m = base();
    m.remove("approle");
    assertError(m, "kesconf: invalid vault keystore: no authentication method specified");

    m = base();
    m.put("approle", null); // "approle:" with nothing under it is absent, as for yaml.v3
    assertError(m, "kesconf: invalid vault keystore: no authentication method specified");

    m = base();
    m.put("kubernetes", Map.of("jwt", "x"));
    assertError(m, "kesconf: invalid vault keystore: more than one authentication method specified");

    m = base();
    m.put("approle", Map.of("secret", "s"));
    assertError(m, "kesconf: invalid vault keystore: invalid approle config: no approle ID specified");

    m = base();
    m.put("approle", Map.of());
    assertError(m, "kesconf: invalid vault keystore: invalid approle config: no approle ID specified");

    m = base();
    m.put("approle", Map.of("id", "i"));
    assertError(m, "kesconf: invalid vault keystore: invalid approle config: no approle secret specified");

    m = base();
    m.remove("approle");
    m.put("kubernetes", Map.of("role", "r"));
    assertError(m, "kesconf: invalid vault keystore: invalid kubernetes config: no JWT specified");

    m = base();
    m.put("transit", Map.of("engine", "t"));
    assertError(m, "kesconf: invalid vault keystore: invalid transit config: no key name specified");

    m = base();
    m.put("tls", Map.of("key", "client.key"));
    assertError(m, "kesconf: invalid vault keystore: invalid tls config: no TLS certificate provided");

    m = base();
    m.put("tls", Map.of("cert", "client.crt"));
    assertError(m, "kesconf: invalid vault keystore: invalid tls config: no TLS private key provided");

    // Checked when real KES connects: v1 and v2 only.
    m = base();
    m.put("version", "v3");
    assertError(m, "vault: invalid engine API version 'v3' (use v1 or v2)");
  }

  @Test
  void theFirstProblemWins() {
    // Both the approle secret and the transit key are missing: KES reports the approle first.
    Map<String, Object> m = base();
    m.put("approle", Map.of("id", "i"));
    m.put("transit", Map.of());
    assertError(m, "kesconf: invalid vault keystore: invalid approle config: no approle secret specified");
  }

  @Test
  void kubernetesJwtFileMustBeReadableAtLoad() throws Exception {
    Map<String, Object> m = base();
    m.remove("approle");
    String missing = tmp.resolve("no-such-token").toString();
    m.put("kubernetes", Map.of("role", "r", "jwt", missing));
    assertError(m, "kesconf: failed to read vault kubernetes JWT from '" + missing + "': no such file or directory");

    Path jwt = Files.writeString(tmp.resolve("token"), "eyJ.x.y\n");
    m.put("kubernetes", Map.of("role", "r", "jwt", jwt.toString()));
    Kubernetes k = (Kubernetes) parse(m).auth();
    assertThat(k.jwtIsFile()).isTrue();
    assertThat(k.jwt()).isEqualTo(jwt.toString()); // the path: read again at every login
  }

  @Test
  void tokenIsOurThirdMethod() throws Exception {
    Map<String, Object> m = base();
    m.remove("approle");
    m.put("token", "s.abc");
    assertThat(parse(m).auth()).isEqualTo(new VaultConfig.Token("s.abc"));
    assertThat(parse(m).auth().method()).isEqualTo("token");

    m.put("token", "");
    assertError(m, "kesconf: invalid vault keystore: invalid token config: no token specified");

    String missing = tmp.resolve("no-token").toString();
    m.put("token", missing);
    assertError(m, "kesconf: failed to read vault token from '" + missing + "': no such file or directory");

    Path empty = Files.writeString(tmp.resolve("empty"), "\n");
    m.put("token", empty.toString());
    assertError(m, "kesconf: invalid vault keystore: invalid token config: the token file '" + empty + "' is empty");

    m = base();
    m.put("token", "s.abc");
    assertError(m, "kesconf: invalid vault keystore: more than one authentication method specified");
  }

  @Test
  void statusPingIsADuration() throws Exception {
    Map<String, Object> m = base();
    m.put("status", Map.of("ping", "0s"));
    assertThat(parse(m).statusPing()).isEqualTo(Duration.ofSeconds(15)); // 0 = the default, as in KES
    m.put("status", Map.of("ping", "-1s"));
    assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class).hasMessageContaining("must not be negative");
    m.put("status", Map.of("ping", 15));
    assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class).hasMessageContaining("not a valid duration");
  }

  @Test
  void endpointMustBeAnHttpUrl() {
    Map<String, Object> m = base();
    m.put("endpoint", "127.0.0.1:8200");
    assertThatThrownBy(() -> parse(m)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid endpoint '127.0.0.1:8200'");
  }

  @Test
  void secretsAreNeverInToString() throws Exception {
    Map<String, Object> m = base();
    m.put("approle", Map.of("id", "the-role-id", "secret", "the-secret-id"));
    assertThat(parse(m).toString()).doesNotContain("the-role-id").doesNotContain("the-secret-id");
    m.remove("approle");
    m.put("token", "hvs.the-token");
    assertThat(parse(m).toString()).doesNotContain("hvs.the-token");
    m.remove("token");
    m.put("kubernetes", Map.of("role", "r", "jwt", "eyJ.secret.jwt"));
    assertThat(parse(m).toString()).doesNotContain("eyJ.secret.jwt");
  }

  @Test
  void aYamlFileWithEnvSubstitutionAndLineNumbers() throws Exception {
    String yaml = """
        address: 0.0.0.0:7373
        keystore:
          vault:
            endpoint: ${VAULT_ADDR}
            engine: kv2
            version: v2
            approle:
              id: ${ROLE_ID}
              secret: ${SECRET_ID}
        """;
    Map<String, String> env = Map.of("VAULT_ADDR", "http://127.0.0.1:8200", "ROLE_ID", "r", "SECRET_ID", "s");
    Section root = YamlSection.parse("config.yml", yaml, env::get);
    VaultConfig c = VaultConfig.parse(root.section("keystore.vault").orElseThrow());
    assertThat(c.endpoint().toString()).isEqualTo("http://127.0.0.1:8200");
    assertThat(c.auth()).isEqualTo(new AppRole("approle", "", "r", "s"));

    Section broken = YamlSection.parse("config.yml", yaml.replace("      secret: ${SECRET_ID}\n", ""), env::get);
    assertThatThrownBy(() -> VaultConfig.parse(broken.section("keystore.vault").orElseThrow()))
        .hasMessage("config.yml:7: kesconf: invalid vault keystore: invalid approle config: no approle secret specified");
  }

  @Test
  void theProviderIsFoundThroughTheServiceLoader() throws Exception {
    KeyStores registry = KeyStores.fromClassPath();
    assertThat(registry.types()).contains("vault", "fs");
    Map<String, Object> keystore = Map.of("fs", Map.of("path", tmp.toString()), "vault", base());
    assertThatThrownBy(() -> registry.open(MapSection.of(keystore)))
        .hasMessage("kesconf: invalid keystore config: more than once keystore specified");
    Map<String, Object> onlyVault = Map.of("vault", Map.of("endpoint", "http://127.0.0.1:1"));
    assertThatThrownBy(() -> registry.open(MapSection.of(onlyVault)))
        .hasMessage("kesconf: invalid vault keystore: no authentication method specified");
  }
}
