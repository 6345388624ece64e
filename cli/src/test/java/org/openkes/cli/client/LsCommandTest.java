package org.openkes.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kes ls} end to end against our server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LsCommandTest {
  @TempDir static Path dir;
  static CliServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new CliServer(dir);
    assertThat(Kes.piped(server.adminEnv()).run("key", "create", "-k", "ls-b", "ls-a", "other").rc()).isZero();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listsKeysByPrefixSorted() {
    Kes kes = Kes.piped(server.adminEnv());
    assertThat(kes.run("ls", "-k", "ls*")).isEqualTo(new Kes.Result(0, "Key\nls-a\nls-b\n", ""));
    assertThat(kes.run("ls", "-k", "--json")).isEqualTo(new Kes.Result(0, "[\"ls-a\",\"ls-b\",\"other\"]\n", ""));
    assertThat(kes.run("ls", "-k", "--json", "zzz")).isEqualTo(new Kes.Result(0, "null\n", ""));
  }

  @Test
  void serverAndApiKeyFlagsWinOverTheEnvironment() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    // The environment points at nothing and carries a key the server does not know.
    Kes kes = Kes.piped(Map.of("KES_SERVER", "127.0.0.1:" + closed,
        "KES_API_KEY", org.openkes.core.identity.ApiKey.generate(CliServer.RANDOM).reveal()));
    assertThat(kes.run("ls", "-k", "-s", server.address(), "-a", server.admin.reveal(), "ls*"))
        .isEqualTo(new Kes.Result(0, "Key\nls-a\nls-b\n", ""));
    Kes.Result viaEnv = kes.run("ls", "-k");
    assertThat(viaEnv.rc()).isEqualTo(1);
    assertThat(viaEnv.err()).contains("127.0.0.1:" + closed).contains("connection refused");
  }

  @Test
  void listsPoliciesAndIdentities() {
    Kes kes = Kes.piped(server.adminEnv());
    assertThat(kes.run("ls", "-k", "-p")).isEqualTo(new Kes.Result(0, "Policy\napp\nreader\n", ""));
    Kes.Result ids = kes.run("ls", "-k", "-i", "--json");
    assertThat(ids.rc()).isZero();
    List<String> expected = new java.util.ArrayList<>(List.of(server.admin.identity().value(),
        server.clientIdentity.value(), server.reader.identity().value()));
    java.util.Collections.sort(expected);
    assertThat(ids.out()).isEqualTo("[\"" + String.join("\",\"", expected) + "\"]\n");
  }

  @Test
  void certificateClientsList() {
    assertThat(Kes.piped(server.certEnv()).run("ls", "-k", "ls-a")).isEqualTo(new Kes.Result(0, "Key\nls-a\n", ""));
  }

  @Test
  void aPolicyThatDoesNotAllowListingPolicies() {
    Kes.Result r = Kes.piped(server.readerEnv()).run("ls", "-k", "-p");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: failed to list policies: not allowed").endsWith("\n");
    assertThat(Kes.piped(server.readerEnv()).run("ls", "-k", "ls-b").out()).isEqualTo("Key\nls-b\n");
  }

  @Test
  void flagConflictsAndExtraArgumentsAreUsageErrors() {
    Kes kes = Kes.piped(server.adminEnv());
    assertThat(kes.run("ls", "-i", "-p")).isEqualTo(new Kes.Result(2, "",
        "Error: '-p / --policy' and '-i / --identity' must not be used at the same time\n"));
    assertThat(kes.run("ls", "a", "b")).isEqualTo(new Kes.Result(2, "", "Error: too many arguments. See 'kes ls --help'\n"));
    assertThat(kes.run("ls", "--help").out()).contains("Examples:").contains("KES_API_KEY");
  }
}
