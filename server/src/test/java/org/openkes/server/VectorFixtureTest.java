package org.openkes.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.core.config.ServerConfigLoader;
import org.openkes.core.identity.KeyAndCertificate;
import org.openkes.core.keystore.KeyStores;

/**
 * kes-compat.md §6.6 end to end: the §5.3 stored key in an fs keystore, read by a server started
 * from a config file, computes the reference HMAC and decrypts the reference ciphertexts of every
 * format.
 */
class VectorFixtureTest {
  /** §5.3 [computed]: AES256 key 000102…1f, HMAC key 202122…3f, created 2025-01-02T03:04:05.123456789Z. */
  static final String STORED = "CiQKIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fEAESJAogICEiIyQlJ"
      + "icoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8QARoLCKWE2LsGEJWa7zoiQDNlY2ZjZGYzOGZjYmUxNDFhZTI2YTEwM"
      + "zBmODFlOTZiNzUzMzY1YTQ2NzYwYWU2YjU3ODY5OGE5N2M1OWZkMjI=";
  static final String N1 =
      "qcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZWgIGCg4SFhoeIiYqLjI2Oj5CRkpOUlZaXmJmamw==";
  static final String M1 = "lbFBRVMyNTYtR0NNX1NIQTI1NtkgNjMwZGNkMjk2NmM0MzM2NjkxMTI1NDQ4YmJiMjVi"
      + "NGbEEICBgoOEhYaHiImKi4yNjo/EDJCRkpOUlZaXmJmam8Qbqcf1Bz30yIC53JqHKAL3WS5aeBd8CK3MurZW";
  static final String J1 = "eyJhZWFkIjoiQUVTLTI1Ni1HQ00tSE1BQy1TSEEtMjU2IiwiaXYiOiJnSUdDZzRTRmh"
      + "vZUlpWXFMakkyT2p3PT0iLCJub25jZSI6ImtKR1NrNVNWbHBlWW1acWIiLCJieXRlcyI6InFjZjFCejMweUlDNTN"
      + "KcUhLQUwzV1M1YWVCZDhDSzNNdXJaVyJ9";
  static final String HELLO = "SGVsbG8gV29ybGQ=";

  @Test
  void referenceKeyThroughTheApi(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    Files.createDirectories(keys);
    Files.writeString(keys.resolve("k"), STORED, StandardCharsets.US_ASCII);
    KeyAndCertificate serverCert = TestCerts.server();
    TestCerts.Client admin = TestCerts.apiKey();
    Path config = ConfigFiles.write(dir, serverCert, admin.identity().value(), keys, "");

    ServerSpec spec = ServerSpec.fromConfig(ServerConfigLoader.load(config), Optional.empty(),
        KeyStores.fromClassPath());
    Environment env = new Environment(System.out, System.err, Clock.systemUTC(),
        ZoneId.of("UTC"), TestServer.BUILD, Optional.of(new ManualTicker()),
        Duration.ofSeconds(90), Duration.ofSeconds(2));
    try (KesServer server = KesServer.start(spec, env)) {
      assertThat(server.keystoreDescription()).startsWith("Filesystem");
      TestClient c = new TestClient(
          java.net.URI.create("https://127.0.0.1:" + server.port() + "/"),
          serverCert.certificate(), admin, java.net.http.HttpClient.Version.HTTP_2, null);

      assertThat(c.put("/v1/key/hmac/k", "{\"message\":\"" + HELLO + "\"}").body())
          .isEqualTo("{\"hmac\":\"z7qwEmYMolZ+4ObWeNpuOTZmFjyazt/txHZcMi1tr48=\"}\n");
      assertThat(c.put("/v1/key/hmac/k", "{\"message\":\"\"}").body())
          .isEqualTo("{\"hmac\":\"9JJAt4qpDlP0YQbDSB43fhlpbndzKLHNbsYGGgvYaKk=\"}\n");
      for (String ct : new String[] {N1, M1, J1}) {
        assertThat(c.post("/v1/key/decrypt/k", "{\"ciphertext\":\"" + ct + "\"}").body())
            .isEqualTo("{\"plaintext\":\"" + HELLO + "\"}\n");
      }
      TestClient.Reply wrongContext = c.post("/v1/key/decrypt/k",
          "{\"ciphertext\":\"" + N1 + "\",\"context\":\"eA==\"}");
      assertThat(wrongContext.status()).isEqualTo(400);
      assertThat(c.get("/v1/key/describe/k").body()).isEqualTo(
          "{\"name\":\"k\",\"algorithm\":\"AES256\",\"created_at\":\"2025-01-02T03:04:05.123456789Z\","
              + "\"created_by\":\"3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22\"}\n");

      // A key this server creates lands in the directory in the same format.
      assertThat(c.post("/v1/key/create/fresh", "").status()).isEqualTo(200);
      String fresh = Files.readString(keys.resolve("fresh"), StandardCharsets.US_ASCII);
      assertThat(fresh).matches("CiQKI[A-Za-z0-9+/]+=*");
      assertThat(c.get("/v1/key/list/").body()).isEqualTo("{\"names\":[\"fresh\",\"k\"]}\n");
    }
  }
}
