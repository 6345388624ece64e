package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mux and the per-route checks of kes-compat.md §1.1, over real TLS. */
class RoutingTest {
  static TestServer server;
  static TestClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder().api("/v1/status", Duration.ofSeconds(3), false).start();
    admin = server.adminClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nope", "/v1/status/", "/version/x", "/v1/key", "/v1/identity/self",
      "/v1/key/enclave/x", "/v1/policy/write/p"})
  void unknownPathsAreGoNotFound(String path) throws Exception {
    TestClient.Reply r = admin.get(path);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("404 page not found\n");
    assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("x-content-type-options")).isEqualTo("nosniff");
  }

  @Test
  void subtreeRootWithoutSlashRedirectsBeforeAuthentication() throws Exception {
    TestCerts.Client stranger = TestCerts.apiKey();
    TestClient.Reply r = server.client(stranger).get("/v1/key/list?x=1");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("location")).isEqualTo("/v1/key/list/?x=1");
    assertThat(r.header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.body()).isEqualTo("<a href=\"/v1/key/list/?x=1\">Moved Permanently</a>.\n\n");
  }

  @Test
  void redirectOfHeadAndPostHasNoBody() throws Exception {
    TestClient.Reply head = admin.send("HEAD", "/v1/policy/list", null);
    assertThat(head.status()).isEqualTo(301);
    assertThat(head.header("location")).isEqualTo("/v1/policy/list/");
    assertThat(head.header("content-type")).isEqualTo("text/html; charset=utf-8");
    TestClient.Reply post = admin.post("/v1/key/create", "");
    assertThat(post.status()).isEqualTo(301);
    assertThat(post.header("location")).isEqualTo("/v1/key/create/");
    assertThat(post.header("content-type")).isNull();
    assertThat(post.body()).isEmpty();
  }

  @Test
  void nonCanonicalPathsRedirectToTheCleanPath() throws Exception {
    String dots = RawHttps.get(server, "/v1/key/../status");
    assertThat(RawHttps.status(dots)).isEqualTo(301);
    assertThat(RawHttps.header(dots, "Location")).isEqualTo("/v1/status");
    String doubleSlash = RawHttps.get(server, "/v1//key/describe/k");
    assertThat(RawHttps.status(doubleSlash)).isEqualTo(301);
    assertThat(RawHttps.header(doubleSlash, "Location")).isEqualTo("/v1/key/describe/k");
    String dot = RawHttps.get(server, "/./v1/key/list");
    assertThat(RawHttps.header(dot, "Location")).isEqualTo("/v1/key/list/");
  }

  @Test
  void wrongMethodIs405WithAcceptHeader() throws Exception {
    TestClient.Reply r = admin.delete("/v1/key/create/k");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("accept")).isEqualTo("PUT");
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.body()).isEqualTo("{\"message\":\"received method 'DELETE' expected 'PUT'\"\n}");

    TestClient.Reply get = admin.get("/v1/key/delete/k");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("accept")).isEqualTo("DELETE");

    TestClient.Reply post = admin.post("/v1/status", "");
    assertThat(post.body()).isEqualTo("{\"message\":\"received method 'POST' expected 'GET'\"\n}");

    TestClient.Reply head = admin.send("HEAD", "/version", null);
    assertThat(head.status()).isEqualTo(405);
    assertThat(head.header("accept")).isEqualTo("GET");
  }

  @Test
  void methodIsCheckedBeforeAuthentication() throws Exception {
    TestClient.Reply r = server.client(TestCerts.apiKey()).send("PATCH", "/v1/key/describe/x", "");
    assertThat(r.status()).isEqualTo(405);
  }

  @Test
  void postAndPutBothWorkWherePutIsExpected() throws Exception {
    assertThat(admin.put("/v1/key/create/put-key", "").status()).isEqualTo(200);
    assertThat(admin.post("/v1/key/create/post-key", "").status()).isEqualTo(200);
  }

  @Test
  void escapedResourceIsDecodedAndValidated() throws Exception {
    assertThat(admin.post("/v1/key/create/esc%2Dkey", "").status()).isEqualTo(200);
    assertThat(admin.get("/v1/key/describe/esc-key").status()).isEqualTo(200);
    String slash = RawHttps.exchange(server, server.admin,
        "PUT /v1/key/create/a%2Fb HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n");
    assertThat(RawHttps.status(slash)).isEqualTo(400);
    assertThat(RawHttps.body(slash)).isEqualTo(
        "{\"message\":\"key name 'a/b' is empty, too long or contains invalid characters\"\n}");
    // An escaped slash never separates the segments of a route path.
    assertThat(RawHttps.status(RawHttps.get(server, "/v1%2Fstatus"))).isEqualTo(404);
  }

  @Test
  void errorMessagesEscapeLikeGo() throws Exception {
    TestClient.Reply r = admin.post("/v1/key/create/a%3Cb%3E", "");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"message\":\"key name '\\u003cb\\u003e' is empty, too long"
        .replace("'\\u003cb", "'a\\u003cb") + " or contains invalid characters\"\n}");
    assertThat(r.header("content-length")).isEqualTo(
        Integer.toString(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
  }

  @Test
  void versionNeedsNoIdentity() throws Exception {
    TestClient.Reply r = server.client(TestCerts.ecdsa()).get("/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    // Go's encoder escapes < and > even here.
    assertThat(r.body())
        .isEqualTo("{\"version\":\"0.0.0-test\",\"commit\":\"\\u003cunknown\\u003e\"}\n");
  }

  @Test
  void apiListsAllRoutesWithOverrides() throws Exception {
    TestClient.Reply r = admin.get("/v1/api");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).startsWith(
        "[{\"method\":\"GET\",\"path\":\"/version\",\"max_body\":0,\"timeout\":10},"
            + "{\"method\":\"GET\",\"path\":\"/v1/ready\",\"max_body\":0,\"timeout\":15},"
            + "{\"method\":\"GET\",\"path\":\"/v1/status\",\"max_body\":0,\"timeout\":3},");
    assertThat(r.body()).contains(
        "{\"method\":\"PUT\",\"path\":\"/v1/key/import/\",\"max_body\":1000000,\"timeout\":15}",
        "{\"method\":\"DELETE\",\"path\":\"/v1/key/delete/\",\"max_body\":0,\"timeout\":15}",
        "{\"method\":\"GET\",\"path\":\"/v1/log/audit\",\"max_body\":0,\"timeout\":0}]\n");
    assertThat(r.body().split("\\{\"method\"")).hasSize(23);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP_1_1", "HTTP_2"})
  void bothProtocolsAreServed(String version) throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.valueOf(version), null);
    TestClient.Reply r = c.get("/v1/status");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().version()).isEqualTo(HttpClient.Version.valueOf(version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void bothTlsVersionsAreServed(String tls) throws Exception {
    TestClient c = server.client(server.admin, HttpClient.Version.HTTP_2, tls);
    assertThat(c.get("/v1/status").status()).isEqualTo(200);
  }

  @Test
  void tls11IsRefused() {
    TestClient c = server.client(server.admin, HttpClient.Version.HTTP_1_1, "TLSv1.1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.get("/version"))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void malformedEscapeIsBadRequestNotAServerError() throws Exception {
    String r = RawHttps.get(server, "/v1/key/describe/%zz");
    assertThat(RawHttps.status(r)).isEqualTo(400);
    // Go's answer, not an HTML error page.
    assertThat(RawHttps.header(r, "Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(RawHttps.body(r)).isEqualTo("400 Bad Request");
  }

  @Test
  void contentTypeOfRequestsIsIgnored() throws Exception {
    assertThat(admin.post("/v1/key/create/ct", "").status()).isEqualTo(200);
    TestClient.Reply r = admin.send(HttpRequest.newBuilder(admin.uri("/v1/key/hmac/ct"))
        .header("Content-Type", "text/plain")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"message\":\"\"}")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(List.of(r.body())).allMatch(b -> b.startsWith("{\"hmac\":\""));
  }
}
