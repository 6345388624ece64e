package org.openkes.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kes key ...} end to end against our server over real TLS. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static CliServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new CliServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Kes.Result admin(String... args) {
    return Kes.piped(server.adminEnv()).run(args);
  }

  @Test
  void createDescribeListAndRemoveWithAnApiKey() throws Exception {
    assertThat(admin("key", "create", "-k", "life-a", "life-b")).isEqualTo(new Kes.Result(0, "", ""));

    Kes.Result info = admin("key", "info", "-k", "--json", "life-a");
    assertThat(info.rc()).isZero();
    assertThat(info.out()).matches(
        "\\{\"name\":\"life-a\",\"created_at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d*[1-9])?Z\","
            + "\"created_by\":\"" + server.admin.identity().value() + "\"}\n");

    Kes.Result text = admin("key", "info", "-k", "life-a");
    assertThat(text.out()).matches("Name       life-a\nAlgorithm  AES256\nDate       "
        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\nOwner      " + server.admin.identity().value());

    assertThat(admin("key", "ls", "-k", "life*")).isEqualTo(new Kes.Result(0, "Key\nlife-a\nlife-b\n", ""));
    // The seed's spelling is an alias; the JSON is printed alone, without real KES's table after it.
    assertThat(admin("key", "list", "-k", "--json", "life*")).isEqualTo(
        new Kes.Result(0, "[\"life-a\",\"life-b\"]\n", ""));
    assertThat(admin("key", "ls", "-k", "-e", "ignored", "--json", "nothing*")).isEqualTo(
        new Kes.Result(0, "null\n", ""));
    assertThat(admin("key", "ls", "-k", "nothing*")).isEqualTo(new Kes.Result(0, "", ""));

    assertThat(admin("key", "rm", "-k", "life-a", "life-b").rc()).isZero();
    assertThat(admin("key", "ls", "-k", "--json", "life*").out()).isEqualTo("null\n");
  }

  @Test
  void onATerminalTheListHeaderIsUnderlined() {
    admin("key", "create", "-k", "tty-a");
    Kes.Result r = Kes.terminal(server.adminEnv()).run("key", "ls", "-k", "tty*");
    assertThat(r.out()).isEqualTo("\u001b[4mKey\u001b[0m\ntty-a\n");
  }

  @Test
  void encryptThenDecryptPipedIsCompactJsonWithoutNewline() throws Exception {
    admin("key", "create", "-k", "crypt");
    Kes.Result enc = admin("key", "encrypt", "-k", "crypt", "Hello World");
    assertThat(enc.rc()).isZero();
    assertThat(enc.out()).matches("\\{\"ciphertext\":\"[A-Za-z0-9+/=]+\"}");
    String ciphertext = JSON.readTree(enc.out()).get("ciphertext").asText();

    Kes.Result dec = admin("key", "decrypt", "-k", "crypt", ciphertext);
    assertThat(dec.out()).isEqualTo("{\"plaintext\":\""
        + Base64.getEncoder().encodeToString("Hello World".getBytes(StandardCharsets.UTF_8)) + "\"}");

    Kes.Result tty = Kes.terminal(server.adminEnv()).run("key", "decrypt", "-k", "crypt", ciphertext);
    assertThat(tty.out()).isEqualTo("\nplaintext: "
        + Base64.getEncoder().encodeToString("Hello World".getBytes(StandardCharsets.UTF_8)) + "\n");
    // --json gives the machine form on a terminal too.
    assertThat(Kes.terminal(server.adminEnv()).run("key", "decrypt", "-k", "--json", "crypt", ciphertext).out())
        .isEqualTo(dec.out());
  }

  @Test
  void aDekDecryptsToItsPlaintextOnlyWithItsContext() throws Exception {
    admin("key", "create", "-k", "dek-key");
    String context = Base64.getEncoder().encodeToString("bucket/object".getBytes(StandardCharsets.UTF_8));
    Kes.Result dek = admin("key", "dek", "-k", "dek-key", context);
    assertThat(dek.out()).matches("\\{\"plaintext\":\"[A-Za-z0-9+/=]{44}\",\"ciphertext\":\"[A-Za-z0-9+/=]+\"}");
    JsonNode d = JSON.readTree(dek.out());

    Kes.Result dec = admin("key", "decrypt", "-k", "dek-key", d.get("ciphertext").asText(), context);
    assertThat(JSON.readTree(dec.out()).get("plaintext").asText()).isEqualTo(d.get("plaintext").asText());

    Kes.Result wrong = admin("key", "decrypt", "-k", "dek-key", d.get("ciphertext").asText());
    assertThat(wrong.rc()).isEqualTo(1);
    assertThat(wrong.err()).startsWith("Error: failed to decrypt with key \"dek-key\": ").doesNotContain("\tat ");

    Kes.Result tty = Kes.terminal(server.adminEnv()).run("key", "dek", "-k", "dek-key");
    assertThat(tty.out()).matches("\nplaintext:  [A-Za-z0-9+/=]{44}\nciphertext: [A-Za-z0-9+/=]+\n");
  }

  @Test
  void importedKeysEncrypt() throws Exception {
    byte[] secret = new byte[32];
    CliServer.RANDOM.nextBytes(secret);
    assertThat(admin("key", "import", "-k", "imported", Base64.getEncoder().encodeToString(secret)).rc()).isZero();
    assertThat(admin("key", "info", "-k", "imported").out()).contains("Algorithm  AES256");
    assertThat(admin("key", "encrypt", "-k", "imported", "x").rc()).isZero();

    Kes.Result bad = admin("key", "import", "-k", "bad-import", "not base64!");
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.err()).startsWith("Error: invalid key: ").endsWith(". See 'kes key import --help'\n");
  }

  @Test
  void missingAndExistingKeysAreNamed() {
    Kes.Result missing = admin("key", "info", "-k", "no-such-key");
    assertThat(missing).isEqualTo(new Kes.Result(1, "", "Error: key \"no-such-key\" does not exist\n"));
    assertThat(admin("key", "encrypt", "-k", "no-such-key", "m").err())
        .isEqualTo("Error: key \"no-such-key\" does not exist\n");

    admin("key", "create", "-k", "twice");
    // Stops at the first failure: "after" is not created.
    Kes.Result again = admin("key", "create", "-k", "twice", "after");
    assertThat(again).isEqualTo(new Kes.Result(1, "", "Error: key \"twice\" already exists\n"));
    assertThat(admin("key", "ls", "-k", "--json", "after").out()).isEqualTo("null\n");
  }

  @Test
  void certificateClientsUseTheirFilesAndTheirPolicy() {
    Kes cert = Kes.piped(server.certEnv());
    assertThat(cert.run("key", "create", "-k", "cert-key").rc()).isZero();
    assertThat(admin("key", "info", "-k", "cert-key").out()).endsWith(server.clientIdentity.value());

    // The "app" policy denies /v1/key/delete/*.
    Kes.Result denied = cert.run("key", "rm", "-k", "cert-key");
    assertThat(denied.rc()).isEqualTo(1);
    assertThat(denied.err()).startsWith("Error: failed to remove key \"cert-key\": not allowed")
        .endsWith("\n").doesNotContain("\tat ");
    assertThat(admin("key", "ls", "-k", "cert-key").out()).isEqualTo("Key\ncert-key\n");
  }

  @Test
  void usageErrorsExitTwo() {
    Kes.Result r = admin("key", "create", "-k");
    assertThat(r.rc()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Error: no key name specified. See 'kes key create --help'\n");
    assertThat(admin("key").rc()).isEqualTo(2);
    assertThat(admin("key", "frobnicate").rc()).isEqualTo(2);
    assertThat(admin("key", "dek", "--help").out()).contains("Examples:");
  }

  @Test
  void connectionSettingsAreCheckedBeforeConnecting() {
    Map<String, String> env = new HashMap<>();
    env.put("KES_SERVER", server.address());
    assertThat(Kes.piped(env).run("key", "ls", "-k")).isEqualTo(
        new Kes.Result(1, "", "Error: no API key specified. Consider setting MINIO_KES_API_KEY\n"));

    env.put("KES_API_KEY", "kes:v1:not-a-key");
    Kes.Result bad = Kes.piped(env).run("key", "ls", "-k");
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.err()).startsWith("Error: parsing API key: ").doesNotContain("not-a-key");

    env.remove("KES_API_KEY");
    env.put("KES_CLIENT_CERT", dir.resolve("missing.crt").toString());
    env.put("KES_CLIENT_KEY", server.clientKey.toString());
    Kes.Result missing = Kes.piped(env).run("key", "ls", "-k");
    assertThat(missing.rc()).isEqualTo(1);
    assertThat(missing.err()).startsWith("Error: ").contains("missing.crt").endsWith("\n");
  }

  @Test
  void encryptedPrivateKeysAskForTheirPassword() throws Exception {
    Path encrypted = java.nio.file.Files.writeString(dir.resolve("encrypted.key"),
        org.openkes.core.identity.Pem.encodeEncryptedPrivateKey(server.clientPrivateKey,
            "right password".toCharArray(), CliServer.RANDOM));
    Map<String, String> env = new HashMap<>(server.certEnv());
    env.put("KES_CLIENT_KEY", encrypted.toString());
    assertThat(Kes.piped(env).withPassword("right password").run("key", "create", "-k", "via-encrypted").rc())
        .isZero();
    assertThat(Kes.piped(env).withPassword("wrong").run("key", "create", "-k", "never")).isEqualTo(
        new Kes.Result(1, "", "Error: incorrect password\n"));
    Kes.Result noTerminal = Kes.piped(env).run("key", "create", "-k", "never");
    assertThat(noTerminal.rc()).isEqualTo(1);
    assertThat(noTerminal.err()).startsWith("Error: ").contains("no terminal");
    assertThat(admin("key", "ls", "-k", "--json", "never*").out()).isEqualTo("null\n");
  }

  @Test
  void aMissingPrivateKeyFileIsNamed() {
    Map<String, String> env = new HashMap<>(server.certEnv());
    env.put("KES_CLIENT_KEY", dir.resolve("missing.key").toString());
    Kes.Result r = Kes.piped(env).run("key", "ls", "-k");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: ").contains("missing.key").doesNotContain("\tat ");
    env.remove("KES_CLIENT_CERT");
    assertThat(Kes.piped(env).run("key", "ls", "-k").err())
        .isEqualTo("Error: no certificate file specified. Consider setting MINIO_KES_CERT_FILE\n");
  }

  @Test
  void anUnknownApiKeyIsNotAllowed() {
    Map<String, String> env = Map.of("KES_SERVER", server.address(),
        "KES_API_KEY", org.openkes.core.identity.ApiKey.generate(CliServer.RANDOM).reveal());
    Kes.Result r = Kes.piped(env).run("key", "create", "-k", "stranger");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: failed to create key \"stranger\": not allowed");
  }

  @Test
  void connectionFailuresNameTheEndpointAndAHint() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Map<String, String> env = new HashMap<>(server.adminEnv());
    env.put("KES_SERVER", "127.0.0.1:" + closed);
    Kes.Result refused = Kes.piped(env).run("key", "ls", "-k");
    assertThat(refused.rc()).isEqualTo(1);
    assertThat(refused.err()).startsWith("Error: ").contains("https://127.0.0.1:" + closed)
        .contains("connection refused").contains("KES_SERVER").doesNotContain("\tat ");

    // Without -k the self-signed server certificate fails verification.
    Kes.Result tls = admin("key", "ls");
    assertThat(tls.rc()).isEqualTo(1);
    assertThat(tls.err()).startsWith("Error: ").contains(server.address()).contains("-k/--insecure");
  }
}
