package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.client.Dek;
import org.openkes.client.KesClient;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.keystore.fs.FsKeyStore;
import org.openkes.interop.DifferentialCases.Caller;
import org.openkes.interop.DifferentialCases.Case;
import org.openkes.interop.DifferentialCases.Request;

/**
 * The real KES v0.24.0 and our server, each on its own fresh fs keystore with the same config
 * (admin, policies, identities, TLS key types) and the same fixture keys, get the same requests
 * over mutual TLS; their answers must agree as each case of {@link DifferentialCases} says:
 * identical, identical but for values that must differ (compared by form), or different as
 * docs/compatibility.md documents. The cases run in table order, so both servers go through the
 * same states.
 */
@RequiresRealKes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DifferentialApiTest {
  /** How long a log stream may take to send its headers (real KES never does). */
  private static final Duration STREAM_WAIT = Duration.ofSeconds(2);

  @TempDir static Path dir;
  private final Map<Caller, ClientCert> callers = new EnumMap<>(Caller.class);
  private final ApiKey admin = ApiKey.generate(new SecureRandom());
  private Peer real;
  private Peer ours;

  @BeforeAll
  void start() throws Exception {
    KesBinary binary = KesBinary.require();
    callers.put(Caller.ADMIN, ClientCert.of(admin));
    callers.put(Caller.APP, ClientCert.of(ApiKey.generate(new SecureRandom())));
    callers.put(Caller.OPS, ClientCert.ecP256("ops"));
    callers.put(Caller.RSA, ClientCert.rsa("rsa"));
    callers.put(Caller.UNKNOWN, ClientCert.of(ApiKey.generate(new SecureRandom())));
    real = start(RealKesServer.builder(binary, dir.resolve("real")), dir.resolve("real-keys"));
    ours = start(RealKesServer.builder(binary, dir.resolve("ours")).command(OurKes.command()), dir.resolve("our-keys"));
  }

  /** One server with the common config and fixture keys, and a client per caller. */
  private Peer start(RealKesServer.Builder builder, Path keystore) throws Exception {
    DifferentialCases.writeFixtures(FsKeyStore.open(Files.createDirectories(keystore)));
    builder.keystore(keystore).admin(admin.identity());
    DifferentialCases.POLICIES.forEach((caller, p) ->
        builder.policy(p.name(), p.allow(), p.deny(), callers.get(caller).identity()));
    RealKesServer server = builder.start();
    Map<Caller, MtlsHttp> clients = new EnumMap<>(Caller.class);
    for (Caller c : Caller.values()) {
      clients.put(c, MtlsHttp.to(server, callers.get(c)));
    }
    return new Peer(server, clients);
  }

  @AfterAll
  void stop() throws Exception {
    for (Peer p : new Peer[] {real, ours}) {
      if (p != null) {
        p.close();
      }
    }
  }

  /** A server under test and its clients. */
  private record Peer(RealKesServer server, Map<Caller, MtlsHttp> clients) implements AutoCloseable {
    Answer send(Request r) throws InterruptedException {
      MtlsHttp http = clients.get(r.caller());
      return r.stream() ? http.open(r.path(), STREAM_WAIT) : http.send(r.method(), r.path(), r.body());
    }

    @Override
    public void close() throws InterruptedException {
      clients.values().forEach(MtlsHttp::close);
      server.close();
    }
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> theSameRequestGetsTheSameAnswer() {
    DifferentialCases cases = new DifferentialCases(admin.identity(), callers.get(Caller.APP).identity());
    return cases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> compare(c)));
  }

  private void compare(Case c) throws InterruptedException {
    Answer r = real.send(c.request());
    Answer o = ours.send(c.request());
    List<String> differences = c.check().differences(r, o);
    if (!differences.isEmpty()) {
      fail(c.request() + ":\n  " + String.join("\n  ", differences) + "\nreal KES: " + r + "\nours:     " + o);
    }
  }

  /**
   * Past 1,024 keys real KES cuts the listing and names the next key in {@code continue_at}; we
   * return all of them (docs/compatibility.md, "kes server and the HTTP API").
   */
  @Test
  @Order(2)
  void aListingPastOnePage() throws Exception {
    for (Peer p : new Peer[] {real, ours}) {
      FsKeyStore store = FsKeyStore.open(p.server().keystore());
      byte[] value = CompatVectors.VALUE_A.getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < DifferentialCases.PAGE_TEST_KEYS; i++) {
        store.create(DifferentialCases.pageKey(i), value);
      }
    }
    compare(DifferentialCases.pagedListing());
  }

  /** The same key material imported into both: each server decrypts what the other encrypted. */
  @Test
  @Order(3)
  void ciphertextsCrossBetweenTheServers() throws Exception {
    byte[] material = new byte[32];
    new SecureRandom().nextBytes(material);
    try (KesClient a = real.server().client(admin); KesClient b = ours.server().client(admin)) {
      a.importKey("shared", KeyType.AES256, material);
      b.importKey("shared", KeyType.AES256, material);
      crossCheck(a, b);
      crossCheck(b, a);
    }
  }

  private static void crossCheck(KesClient from, KesClient to) throws Exception {
    byte[] context = "{\"bucket\":\"b/o\"}".getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = "a message".getBytes(StandardCharsets.UTF_8);
    assertThat(to.decrypt("shared", from.encrypt("shared", plaintext, context), context)).isEqualTo(plaintext);
    Dek dek = from.generateKey("shared", context);
    Secrets.assertSame("DEK decrypted by the other server", dek.plaintext(),
        to.decrypt("shared", dek.ciphertext(), context));
  }
}
