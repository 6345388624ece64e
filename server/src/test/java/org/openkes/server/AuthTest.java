package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication and policies (kes-compat.md §2) with Ed25519, ECDSA and RSA certificates. */
class AuthTest {
  static final String FORBIDDEN =
      "{\"message\":\"not authorized: insufficient permissions\"\n}";

  static TestCerts.Client app = TestCerts.ecdsa();
  static TestCerts.Client reader = TestCerts.rsa();
  static TestCerts.Client stranger = TestCerts.apiKey();
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder()
        .policy("my-app", List.of("/v1/key/create/my-app*", "/v1/key/generate/my-app*",
                "/v1/key/decrypt/my-app*", "/v1/key/list/*", "/v1/identity/self/describe"),
            List.of("/v1/key/generate/my-app-internal"), app)
        .policy("reader", List.of("/v1/status", "/v1/policy/*", "/v1/identity/*"), List.of(),
            reader)
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void adminMayDoAnything() throws Exception {
    TestClient admin = server.adminClient();
    assertThat(admin.post("/v1/key/create/admin-key", "").status()).isEqualTo(200);
    assertThat(admin.get("/v1/status").status()).isEqualTo(200);
    assertThat(admin.get("/v1/metrics").status()).isEqualTo(200);
  }

  @Test
  void policyAllowsMatchingPaths() throws Exception {
    TestClient c = server.client(app);
    assertThat(c.post("/v1/key/create/my-app-1", "").status()).isEqualTo(200);
    TestClient.Reply dek = c.post("/v1/key/generate/my-app-1", "{}");
    assertThat(dek.status()).isEqualTo(200);
    // The key's creator is the caller.
    TestClient.Reply info = server.adminClient().get("/v1/key/describe/my-app-1");
    assertThat(info.body()).contains("\"created_by\":\"" + app.identity().value() + "\"");
  }

  @Test
  void policyDeniesEverythingElseWithTheExact403() throws Exception {
    TestClient c = server.client(app);
    for (String path : List.of("/v1/key/describe/my-app-1", "/v1/status", "/v1/metrics",
        "/v1/policy/list/", "/v1/log/audit", "/v1/api", "/v1/ready")) {
      TestClient.Reply r = c.get(path);
      assertThat(r.status()).as(path).isEqualTo(403);
      assertThat(r.body()).as(path).isEqualTo(FORBIDDEN);
      assertThat(r.header("content-type")).isEqualTo("application/json");
    }
    TestClient.Reply other = c.post("/v1/key/create/other-app", "");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).isEqualTo(FORBIDDEN);
  }

  @Test
  void denyWinsOverAllow() throws Exception {
    TestClient c = server.client(app);
    assertThat(c.post("/v1/key/create/my-app-internal", "").status()).isEqualTo(200);
    TestClient.Reply r = c.post("/v1/key/generate/my-app-internal", "{}");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo(FORBIDDEN);
    // Denials are logged at DEBUG, below the default INFO level.
    assertThat(server.stderr()).doesNotContain("rejected by policy");
  }

  @Test
  void denialsAreLoggedAtDebug() throws Exception {
    try (TestServer s = TestServer.builder()
        .log(org.openkes.core.config.LogLevel.DEBUG, org.openkes.core.config.LogLevel.INFO)
        .policy("p", List.of("/v1/status"), List.of(), app)
        .start()) {
      assertThat(s.client(app).get("/v1/metrics").status()).isEqualTo(403);
      assertThat(s.client(stranger).get("/v1/metrics").status()).isEqualTo(403);
      assertThat(s.stderr()).containsPattern(
          "time=\\S+ level=DEBUG msg=\"access denied: rejected by policy 'p'\" req.method=GET"
              + " req.path=/v1/metrics req.ip=127.0.0.1 req.identity=" + app.identity().value());
      assertThat(s.stderr()).contains("level=DEBUG msg=\"access denied: identity not found\"");
    }
  }

  @Test
  void policyIsCheckedOnTheRedirectedListingPath() throws Exception {
    // The SDK lists with an empty prefix as /v1/key/list, follows the redirect to
    // /v1/key/list/, which the rule /v1/key/list/* allows.
    TestClient c = server.client(app);
    assertThat(c.get("/v1/key/list").status()).isEqualTo(301);
    assertThat(c.get("/v1/key/list/").status()).isEqualTo(200);
  }

  @Test
  void unknownIdentityIsForbidden() throws Exception {
    TestClient c = server.client(stranger);
    TestClient.Reply r = c.get("/v1/status");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).isEqualTo(FORBIDDEN);
    assertThat(c.get("/version").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void rsaAndEcdsaAndEd25519CertificatesIdentify(String tls) throws Exception {
    assertThat(server.client(reader, HttpClient.Version.HTTP_2, tls).get("/v1/status").status())
        .isEqualTo(200);
    assertThat(server.client(app, HttpClient.Version.HTTP_1_1, tls).get("/v1/key/list/").status())
        .isEqualTo(200);
    assertThat(server.client(server.admin, HttpClient.Version.HTTP_2, tls).get("/v1/api")
        .status()).isEqualTo(200);
  }

  @Test
  void withoutCertificateTheHandshakeFailsInTheDefaultMode() {
    TestClient anonymous = server.client(null);
    assertThatThrownBy(() -> anonymous.get("/version")).isInstanceOf(IOException.class);
  }

  @Test
  void selfDescribeOfTheAdmin() throws Exception {
    TestClient.Reply r = server.adminClient().get("/v1/identity/self/describe");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"identity\":\"" + server.admin.identity().value()
        + "\",\"admin\":true,\"created_at\":\"");
  }

  @Test
  void selfDescribeOfAPolicyIdentityHasTheSdkShape() throws Exception {
    TestClient.Reply r = server.client(reader).get("/v1/identity/self/describe");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).matches("\\{\"identity\":\"" + reader.identity().value()
        + "\",\"created_at\":\"[^\"]+\",\"created_by\":\"" + server.admin.identity().value()
        + "\",\"policy\":\"reader\",\"allow\":\\{\"/v1/identity/\\*\":\\{},"
        + "\"/v1/policy/\\*\":\\{},\"/v1/status\":\\{}}}\n");
  }

  @Test
  void selfDescribeIsIdentifyOnlySoStrangersGet404() throws Exception {
    TestClient.Reply r = server.client(stranger).get("/v1/identity/self/describe");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"message\":\"identity does not exist\"\n}");
  }

  @Test
  void identityAndPolicyApis() throws Exception {
    TestClient c = server.client(reader);
    assertThat(c.get("/v1/identity/describe/" + app.identity().value()).body())
        .matches("\\{\"policy\":\"my-app\",\"created_at\":\"[^\"]+\",\"created_by\":\""
            + server.admin.identity().value() + "\"}\n");
    assertThat(c.get("/v1/identity/describe/" + server.admin.identity().value()).body())
        .matches("\\{\"admin\":true,\"created_at\":\"[^\"]+\"}\n");
    TestClient.Reply unknown = c.get("/v1/identity/describe/" + stranger.identity().value());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"message\":\"identity does not exist\"\n}");
    TestClient.Reply bad = c.get("/v1/identity/describe/not.valid");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo(
        "{\"message\":\"identity 'not.valid' is empty, too long or contains invalid characters\"\n}");

    List<String> ids = List.of(server.admin.identity().value(), app.identity().value(),
        reader.identity().value()).stream().sorted().toList();
    assertThat(c.get("/v1/identity/list/").body()).isEqualTo("{\"identities\":[\""
        + String.join("\",\"", ids) + "\"],\"continue_at\":\"\"}\n");
    assertThat(c.get("/v1/identity/list/*").body()).contains(ids.get(0));
    String prefix = app.identity().value().substring(0, 10);
    assertThat(c.get("/v1/identity/list/" + prefix + "*").body())
        .isEqualTo("{\"identities\":[\"" + app.identity().value() + "\"],\"continue_at\":\"\"}\n");

    assertThat(c.get("/v1/policy/list/").body())
        .isEqualTo("{\"names\":[\"my-app\",\"reader\"],\"continue_at\":\"\"}\n");
    assertThat(c.get("/v1/policy/list/re*").body())
        .isEqualTo("{\"names\":[\"reader\"],\"continue_at\":\"\"}\n");
    assertThat(c.get("/v1/policy/list/zzz").body())
        .isEqualTo("{\"names\":[],\"continue_at\":\"\"}\n");
    assertThat(c.get("/v1/policy/list/*-*").status()).isEqualTo(400);
    assertThat(c.get("/v1/policy/describe/reader").body()).matches(
        "\\{\"name\":\"reader\",\"created_at\":\"[^\"]+\",\"created_by\":\"[0-9a-f]{64}\"}\n");
    assertThat(c.get("/v1/policy/read/my-app").body()).matches(
        "\\{\"name\":\"my-app\",\"allow\":\\{\"/v1/identity/self/describe\":\\{},"
            + "\"/v1/key/create/my-app\\*\":\\{},\"/v1/key/decrypt/my-app\\*\":\\{},"
            + "\"/v1/key/generate/my-app\\*\":\\{},\"/v1/key/list/\\*\":\\{}},"
            + "\"deny\":\\{\"/v1/key/generate/my-app-internal\":\\{}},"
            + "\"created_at\":\"[^\"]+\",\"created_by\":\"[0-9a-f]{64}\"}\n");
    TestClient.Reply none = c.get("/v1/policy/read/nope");
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.body()).isEqualTo("{\"message\":\"policy does not exist\"\n}");
    assertThat(c.get("/v1/policy/describe/nope").body())
        .isEqualTo("{\"message\":\"policy does not exist\"\n}");
    assertThat(c.get("/v1/policy/describe/a.b").body()).isEqualTo(
        "{\"message\":\"policy name 'a.b' is empty, too long or contains invalid characters\"\n}");
  }

  /** {@code skip_auth} relaxes the handshake; other routes then answer 400 (§2.1). */
  @Test
  void skipAuthLetsClientsWithoutCertificateIn() throws Exception {
    try (TestServer s = TestServer.builder()
        .api("/v1/ready", Duration.ZERO, true)
        .api("/v1/metrics", Duration.ZERO, true)
        .start()) {
      TestClient anonymous = s.client(null);
      assertThat(anonymous.get("/v1/ready").status()).isEqualTo(200);
      assertThat(anonymous.get("/v1/metrics").status()).isEqualTo(200);
      TestClient.Reply r = anonymous.get("/v1/status");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"message\":\"tls: client certificate is required\"\n}");
      TestClient.Reply self = anonymous.get("/v1/identity/self/describe");
      assertThat(self.status()).isEqualTo(404);
      // A stranger with a certificate passes the skip_auth route too, and is refused elsewhere.
      TestClient stranger = s.client(TestCerts.apiKey());
      assertThat(stranger.get("/v1/ready").status()).isEqualTo(200);
      assertThat(stranger.get("/v1/status").status()).isEqualTo(403);
      assertThat(s.adminClient().get("/v1/status").status()).isEqualTo(200);
    }
  }

  @Test
  void disabledAdminMatchesNobody() throws Exception {
    try (TestServer s = TestServer.builder().adminIdentity("disabled").start()) {
      TestClient.Reply r = s.adminClient().get("/v1/status");
      assertThat(r.status()).isEqualTo(403);
      assertThat(s.client(TestCerts.ecdsa()).get("/v1/identity/list/").body())
          .isEqualTo("{\"message\":\"not authorized: insufficient permissions\"\n}");
    }
  }
}
