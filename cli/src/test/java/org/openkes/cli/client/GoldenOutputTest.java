package org.openkes.cli.client;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.cli.Golden;

/**
 * Deterministic outputs against golden/output/ (see {@link Golden} for regenerating them):
 * {@code identity of} a fixed API key and a fixed certificate (real KES v0.24 prints the same
 * identities), and server answers about fixed keys and policies with times and the test's
 * random identities masked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GoldenOutputTest {
  private static final String API_KEY = "kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw";
  /** Made by real KES: {@code kes identity new --key k --cert c --expiry 876000h golden-client}. */
  private static final String CERT = "src/test/resources/golden/input/client.crt";
  private static final Pattern RFC3339 =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  private static final Pattern DATE_TIME =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

  @TempDir static Path dir;
  static CliServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new CliServer(dir);
    Kes.Result created = admin().run("key", "create", "-k", "golden-key");
    if (created.rc() != 0) {
      throw new IllegalStateException(created.err());
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void identityOfAnApiKey() {
    assertGolden("identity-of-api-key.txt", Kes.piped(Map.of()), "identity", "of", API_KEY);
    assertGolden("identity-of-api-key.tty.txt", Kes.terminal(Map.of()), "identity", "of", API_KEY);
    assertGolden("identity-of-api-key.json.txt", Kes.piped(Map.of()), "identity", "of", "--json", API_KEY);
  }

  @Test
  void identityOfACertificate() {
    assertGolden("identity-of-cert.txt", Kes.piped(Map.of()), "identity", "of", CERT);
    assertGolden("identity-of-cert.tty.txt", Kes.terminal(Map.of()), "identity", "of", CERT);
    assertGolden("identity-cert.json.txt", Kes.piped(Map.of()), "identity", "--json", CERT);
  }

  @Test
  void keyInfo() {
    assertGolden("key-info.json.txt", admin(), "key", "info", "-k", "--json", "golden-key");
    assertGolden("key-info.tty.txt", Kes.terminal(server.adminEnv()), "key", "info", "-k", "golden-key");
  }

  @Test
  void policies() {
    assertGolden("policy-show.json.txt", admin(), "policy", "show", "-k", "app");
    assertGolden("policy-show.tty.txt", Kes.terminal(server.adminEnv()), "policy", "show", "-k", "app");
    assertGolden("policy-info.tty.txt", Kes.terminal(server.adminEnv()), "policy", "info", "-k", "reader");
    assertGolden("policy-ls.txt", admin(), "policy", "ls", "-k");
  }

  @Test
  void identityInfoOfTheCertificateClient() {
    assertGolden("identity-info.tty.txt", Kes.terminal(server.certEnv()), "identity", "info", "-k");
  }

  private static Kes admin() {
    return Kes.piped(server.adminEnv());
  }

  private static void assertGolden(String file, Kes kes, String... args) {
    Kes.Result r = kes.run(args);
    String transcript = "$ kes " + String.join(" ", args) + (r.rc() == 0 ? "" : "    # exit " + r.rc())
        + "\n" + r.out() + (r.err().isEmpty() ? "" : "--- stderr\n" + r.err());
    Golden.assertMatches("output/" + file, mask(transcript));
  }

  /** Times and the identities this run generated, which differ from run to run. */
  private static String mask(String s) {
    String masked = s.replace(server.admin.identity().value(), "<admin-identity>")
        .replace(server.reader.identity().value(), "<reader-identity>")
        .replace(server.clientIdentity.value(), "<client-identity>");
    masked = RFC3339.matcher(masked).replaceAll("<time>");
    return DATE_TIME.matcher(masked).replaceAll("<time>");
  }
}
