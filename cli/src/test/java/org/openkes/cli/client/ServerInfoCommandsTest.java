package org.openkes.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kes status}, {@code kes policy ...} and {@code kes identity info|ls} against our server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerInfoCommandsTest {
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
  void statusText() {
    Kes.Result r = admin("status", "-k");
    assertThat(r.rc()).isZero();
    assertThat(r.out()).startsWith("● " + server.address() + "\n  Version   0.0.0-test\n  Uptime    ")
        .contains("\n  OS        ").contains("\n  CPUs      ").contains("\n  Memory    Heap ");
    assertThat(admin("status", "-k", "-s")).isEqualTo(new Kes.Result(0, "● " + server.address() + "\n", ""));
  }

  @Test
  void statusJsonIsTheSdkState() throws Exception {
    Kes.Result r = admin("status", "-k", "--json");
    assertThat(r.out()).startsWith("{\"version\":\"0.0.0-test\",\"os\":").endsWith("}\n");
    JsonNode s = JSON.readTree(r.out());
    assertThat(s.get("num_cpu").asInt()).isPositive();
    assertThat(s.get("uptime").isNumber()).isTrue();
    assertThat(s.has("keystore_unreachable")).isFalse();

    Kes.Result tty = Kes.terminal(server.adminEnv()).run("status", "-k", "--json");
    assertThat(tty.out()).startsWith("{\n  \"version\": \"0.0.0-test\",\n  \"os\": ");

    Kes.Result api = admin("status", "-k", "--api", "--json");
    List<String> paths = new ArrayList<>();
    JSON.readTree(api.out()).forEach(n -> paths.add(n.get("path").asText()));
    assertThat(paths).contains("/v1/key/create/", "/v1/status");
    assertThat(admin("status", "-k", "--api").out()).containsPattern("\n(POST|PUT) +/v1/key/create/ +\\d+s\n");
  }

  @Test
  void statusIsDeniedByPolicy() {
    Kes.Result r = Kes.piped(server.readerEnv()).run("status", "-k");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: failed to get the status of " + server.address() + ": not allowed");
  }

  @Test
  void policies() throws Exception {
    assertThat(admin("policy", "ls", "-k")).isEqualTo(new Kes.Result(0, "Policy\napp\nreader\n", ""));
    assertThat(admin("policy", "ls", "-k", "--json", "rea*")).isEqualTo(new Kes.Result(0, "[\"reader\"]\n", ""));

    Kes.Result info = admin("policy", "info", "-k", "--json", "reader");
    assertThat(info.out()).matches("\\{\"name\":\"reader\",\"created_at\":\"[^\"]+Z\",\"created_by\":\"[0-9a-f]*\"}\n");
    assertThat(admin("policy", "info", "-k", "reader").out()).startsWith("Name        reader\nDate        ");

    Kes.Result show = admin("policy", "show", "-k", "app");
    assertThat(show.out()).startsWith("{\"allow\":{\"/v1/identity/*\":{},\"/v1/key/*\":{},\"/v1/policy/*\":{},"
        + "\"/v1/status\":{}},\"deny\":{\"/v1/key/delete/*\":{}},\"created_at\":\"");
    Kes.Result reader = Kes.terminal(server.adminEnv()).run("policy", "show", "-k", "--json", "reader");
    assertThat(reader.out()).startsWith("{\n  \"allow\": {\n    \"/v1/key/list/*\": {}\n  },\n  \"created_at\": ");
    Kes.Result tty = Kes.terminal(server.adminEnv()).run("policy", "show", "-k", "app");
    assertThat(tty.out()).startsWith("Allow:\n  · /v1/identity/*\n").contains("Deny:\n  · /v1/key/delete/*\n")
        .contains("Created by: ");

    assertThat(admin("policy", "show", "-k", "nope")).isEqualTo(
        new Kes.Result(1, "", "Error: policy \"nope\" does not exist\n"));
    assertThat(Kes.piped(server.readerEnv()).run("policy", "ls", "-k").err())
        .startsWith("Error: failed to list policies: not allowed");
  }

  @Test
  void identities() throws Exception {
    String adminId = server.admin.identity().value();
    Kes.Result self = admin("identity", "info", "-k");
    assertThat(self.rc()).isZero();
    assertThat(self.out()).startsWith("Identity    " + adminId + "\n").contains("Role        Admin\n");

    Kes.Result client = admin("identity", "info", "-k", server.clientIdentity.value());
    assertThat(client.out()).startsWith("Identity    " + server.clientIdentity.value() + "\nPolicy      app\n")
        .contains("Role        User\n");
    JsonNode j = JSON.readTree(admin("identity", "info", "-k", "--json", server.clientIdentity.value()).out());
    assertThat(j.get("policy").asText()).isEqualTo("app");
    assertThat(j.get("admin").asBoolean()).isFalse();

    // The certificate client describes itself, with its policy's rules.
    Kes.Result certSelf = Kes.piped(server.certEnv()).run("identity", "info", "-k");
    assertThat(certSelf.rc()).isZero();
    assertThat(certSelf.out()).contains("Policy      app\n").contains("Deny:\n · /v1/key/delete/*\n");

    List<String> all = new ArrayList<>(List.of(adminId, server.clientIdentity.value(), server.reader.identity().value()));
    Collections.sort(all);
    assertThat(admin("identity", "ls", "-k", "--json").out()).isEqualTo("[\"" + String.join("\",\"", all) + "\"]\n");
    assertThat(admin("identity", "ls", "-k").out()).isEqualTo("Identity\n" + String.join("\n", all) + "\n");

    String unknown = "0".repeat(64);
    assertThat(admin("identity", "info", "-k", unknown)).isEqualTo(
        new Kes.Result(1, "", "Error: identity " + unknown + " does not exist\n"));
  }

  @Test
  void unreachableServers() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Map<String, String> env = Map.of("KES_SERVER", "127.0.0.1:" + closed, "KES_API_KEY", server.admin.reveal());
    for (String[] args : List.of(new String[] {"status", "-k"}, new String[] {"policy", "ls", "-k"},
        new String[] {"identity", "ls", "-k"})) {
      Kes.Result r = Kes.piped(env).run(args);
      assertThat(r.rc()).isEqualTo(1);
      assertThat(r.err()).startsWith("Error: ").contains("127.0.0.1:" + closed).contains("connection refused")
          .doesNotContain("\tat ").doesNotContain(server.admin.reveal());
    }
  }
}
