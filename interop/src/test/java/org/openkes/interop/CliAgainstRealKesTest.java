package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.identity.ApiKey;

/**
 * Our {@code kes} CLI, run as a separate JVM the way a user runs it, against the real KES
 * v0.24.0: the key, identity, status, policy and ls commands, with an API key and with
 * certificate and key files; JSON and text outputs, exit codes, and the one-line errors.
 * ({@code -k}: the server's certificate is self-signed.) Listing patterns here are plain prefixes:
 * real KES takes a trailing {@code *} literally (kes-compat.md quirk Q1), whichever CLI asks.
 */
@RequiresRealKes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAgainstRealKesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d*[1-9])?Z";

  @TempDir static Path dir;
  private final ApiKey admin = ApiKey.generate(new SecureRandom());
  private final ClientCert files = ClientCert.ecP256("files");
  private RealKesServer server;
  private Map<String, String> adminEnv;
  private Map<String, String> filesEnv;

  @BeforeAll
  void start() throws Exception {
    server = RealKesServer.builder(KesBinary.require(), dir.resolve("kes"))
        .admin(admin.identity())
        .policy("files", List.of("/v1/key/create/files-*", "/v1/key/describe/files-*", "/v1/key/list/*"),
            List.of("/v1/key/list/secret*"), files.identity())
        .start();
    String address = server.endpoint().uri().toString();
    adminEnv = Map.of("KES_SERVER", address, "KES_API_KEY", admin.reveal());
    ClientCert.PemFiles pem = files.write(dir, "files");
    filesEnv = Map.of("KES_SERVER", address, "KES_CLIENT_CERT", pem.certificate().toString(),
        "KES_CLIENT_KEY", pem.key().toString());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private KesBinary.Result admin(String... args) throws Exception {
    return OurKes.run(dir, adminEnv, args);
  }

  private static JsonNode json(KesBinary.Result r) throws Exception {
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return JSON.readTree(r.stdout());
  }

  @Test
  void keyLifecycleWithAnApiKey() throws Exception {
    assertThat(admin("key", "create", "-k", "cli-a", "cli-b")).isEqualTo(new KesBinary.Result(0, "", ""));
    assertThat(admin("key", "ls", "-k", "--json", "cli")).isEqualTo(new KesBinary.Result(0, "[\"cli-a\",\"cli-b\"]\n", ""));
    assertThat(admin("key", "ls", "-k", "cli")).isEqualTo(new KesBinary.Result(0, "Key\ncli-a\ncli-b\n", ""));

    assertThat(admin("key", "info", "-k", "--json", "cli-a").stdout()).matches(
        "\\{\"name\":\"cli-a\",\"created_at\":\"" + TIME + "\",\"created_by\":\"" + admin.identity().value() + "\"}\n");
    assertThat(admin("key", "info", "-k", "cli-a").stdout()).matches("Name       cli-a\nAlgorithm  AES256\n"
        + "Date       \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\nOwner      " + admin.identity().value());

    assertThat(admin("key", "rm", "-k", "cli-b")).isEqualTo(new KesBinary.Result(0, "", ""));
    assertThat(admin("key", "ls", "-k", "--json", "cli").stdout()).isEqualTo("[\"cli-a\"]\n");
  }

  @Test
  void encryptDecryptAndDek() throws Exception {
    admin("key", "create", "-k", "cli-crypt");
    JsonNode sealed = json(admin("key", "encrypt", "-k", "cli-crypt", "Hello World"));
    JsonNode opened = json(admin("key", "decrypt", "-k", "cli-crypt", sealed.get("ciphertext").asText()));
    assertThat(opened.get("plaintext").asText()).isEqualTo(b64("Hello World"));

    String context = b64("{\"bucket\":\"b\"}");
    JsonNode dek = json(admin("key", "dek", "-k", "cli-crypt", context));
    assertThat(Base64.getDecoder().decode(dek.get("plaintext").asText())).hasSize(32);
    JsonNode again = json(admin("key", "decrypt", "-k", "cli-crypt", dek.get("ciphertext").asText(), context));
    assertThat(again.get("plaintext").asText()).isEqualTo(dek.get("plaintext").asText());
  }

  @Test
  void aMissingKeyIsExitOneWithOneLineNamingIt() throws Exception {
    KesBinary.Result r = admin("key", "info", "-k", "no-such-key");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEqualTo("Error: key \"no-such-key\" does not exist\n");
  }

  @Test
  void identityOfAnApiKeyNeedsNoServer() throws Exception {
    assertThat(OurKes.run(dir, Map.of(), "identity", "of", admin.reveal()))
        .isEqualTo(new KesBinary.Result(0, admin.identity().value(), ""));
  }

  @Test
  void status() throws Exception {
    JsonNode s = json(admin("status", "-k", "--json"));
    assertThat(s.get("version").asText()).isEqualTo("<unknown>"); // install-kes.sh: no VCS info
    assertThat(s.get("os").asText()).isEqualTo("linux");
    assertThat(s.get("num_cpu").asInt()).isPositive();
    String text = admin("status", "-k").stdout();
    assertThat(text).startsWith("● " + server.endpoint().uri().getAuthority() + "\n  Version   <unknown>\n");
  }

  @Test
  void policiesAndLs() throws Exception {
    assertThat(admin("policy", "ls", "-k")).isEqualTo(new KesBinary.Result(0, "Policy\nfiles\n", ""));
    assertThat(admin("policy", "ls", "-k", "--json")).isEqualTo(new KesBinary.Result(0, "[\"files\"]\n", ""));
    assertThat(admin("policy", "info", "-k", "--json", "files").stdout()).matches(
        "\\{\"name\":\"files\",\"created_at\":\"[^\"]+\",\"created_by\":\"" + admin.identity().value() + "\"}\n");
    assertThat(admin("policy", "info", "-k", "files").stdout()).startsWith("Name        files\nDate        ");

    assertThat(admin("ls", "-k", "-p")).isEqualTo(new KesBinary.Result(0, "Policy\nfiles\n", ""));
    List<String> ids = List.of(admin.identity().value(), files.identity().value()).stream().sorted().toList();
    assertThat(admin("ls", "-k", "-i", "--json").stdout()).isEqualTo("[\"" + String.join("\",\"", ids) + "\"]\n");
    admin("key", "create", "-k", "ls-only");
    assertThat(admin("ls", "-k", "ls")).isEqualTo(new KesBinary.Result(0, "Key\nls-only\n", ""));
  }

  @Test
  void certificateAndKeyFiles() throws Exception {
    assertThat(OurKes.run(dir, filesEnv, "key", "create", "-k", "files-1")).isEqualTo(new KesBinary.Result(0, "", ""));
    assertThat(OurKes.run(dir, filesEnv, "key", "info", "-k", "--json", "files-1").stdout())
        .contains("\"created_by\":\"" + files.identity().value() + "\"");
    assertThat(OurKes.run(dir, filesEnv, "key", "ls", "-k", "--json", "files").stdout()).isEqualTo("[\"files-1\"]\n");

    KesBinary.Result denied = OurKes.run(dir, filesEnv, "key", "rm", "-k", "files-1");
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.stderr()).startsWith("Error: ").contains("files-1").contains("not allowed").endsWith("\n");
    assertThat(denied.stderr().strip()).doesNotContain("\n");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
