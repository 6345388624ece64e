package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.interop.CompatVectors.b64;
import static org.openkes.interop.CompatVectors.utf8;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkes.client.ApiException;
import org.openkes.client.DecryptionFailedException;
import org.openkes.client.Dek;
import org.openkes.client.KesClient;
import org.openkes.client.KeyInfo;
import org.openkes.core.crypto.DecryptionException;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.fs.FsKeyStore;

/**
 * Keys and ciphertexts cross between the real KES and our core in both directions, through a
 * shared fs keystore: what KES writes our codec reads (and re-encodes byte for byte), what KES
 * encrypts our SecretKey decrypts, and what our codec and SecretKey write KES serves and
 * decrypts. The fixtures and vectors of kes-compat.md §5.3, §5.4 and §6.6 are put in the keystore
 * and checked on both sides — which confirms the document's [computed] values against the binary.
 */
@RequiresRealKes
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataInteropTest {
  @TempDir static Path dir;
  private RealKesServer server;
  private KesClient kes;
  private FsKeyStore store; // the server's own keystore directory
  private final ApiKey admin = ApiKey.generate(new SecureRandom());

  @BeforeAll
  void start() throws Exception {
    server = RealKesServer.builder(KesBinary.require(), dir).admin(admin.identity()).start();
    kes = server.client(admin);
    store = FsKeyStore.open(server.keystore());

    // The fixtures: written as files, before KES has had any reason to cache these names.
    Instant now = Instant.now();
    put("repo-fixture", CompatVectors.REPO_VALUE);
    put("ka-aes", CompatVectors.VALUE_A);
    put("kb-chacha", CompatVectors.VALUE_B);
    store.create("ka-chacha", encode(KeyType.CHACHA20, CompatVectors.KA, now));
    store.create("kb-aes", encode(KeyType.AES256, CompatVectors.KB, now));
    store.create("k2-aes", encode(KeyType.AES256, CompatVectors.K2, now));
    store.create("k2-chacha", encode(KeyType.CHACHA20, CompatVectors.K2, now));
    put("kz-aes", CompatVectors.LEGACY_ZERO);
    put("kz-chacha", CompatVectors.LEGACY_ZERO_CHACHA);
    put("legacy-aes", CompatVectors.LEGACY_AES);
    put("legacy-chacha", CompatVectors.LEGACY_CHACHA);
  }

  @AfterAll
  void stop() throws Exception {
    if (kes != null) {
      kes.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void put(String name, String value) throws Exception {
    store.create(name, value.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] encode(KeyType type, byte[] key, Instant createdAt) {
    return KeyVersionCodec.encode(KeyVersion.of(SecretKey.of(type, key), HmacKey.of(CompatVectors.HMAC_KEY), createdAt, ""));
  }

  private KeyVersion ours(String name) throws Exception {
    return KeyVersionCodec.decode(store.get(name));
  }

  // --- KES writes, we read ---------------------------------------------------------------------

  @Test
  void aKeyCreatedByKesDecodesAndReencodesByteForByte() throws Exception {
    kes.createKey("made-by-kes");
    byte[] file = Files.readAllBytes(server.keystore().resolve("made-by-kes"));
    KeyVersion v = KeyVersionCodec.decode(file);
    KeyInfo info = kes.describeKey("made-by-kes");
    assertThat(v.key().type()).isEqualTo(info.algorithm());
    assertThat(v.createdAt()).isEqualTo(info.createdAt()); // to the nanosecond
    assertThat(v.createdBy()).isEqualTo(admin.identity().value());
    assertThat(v.hmacKey()).isPresent();
    assertThat(new String(KeyVersionCodec.encode(v), StandardCharsets.US_ASCII))
        .isEqualTo(new String(file, StandardCharsets.US_ASCII)); // base64 text: not key material in the clear
  }

  @Test
  void ciphertextsAndMacsOfKesAreOurs() throws Exception {
    kes.createKey("kes-crypto");
    KeyVersion v = ours("kes-crypto");
    byte[] context = utf8("{\"MinIO\":\"bucket/object\"}");

    Dek dek = kes.generateKey("kes-crypto", context);
    Secrets.assertSame("our decryption of a KES DEK", dek.plaintext(), v.key().decrypt(dek.ciphertext(), context));
    assertThatThrownBy(() -> v.key().decrypt(dek.ciphertext(), utf8("other"))).isInstanceOf(DecryptionException.class);

    byte[] sealed = kes.encrypt("kes-crypto", utf8("Hello World"), context);
    assertThat(v.key().decrypt(sealed, context)).isEqualTo(utf8("Hello World"));

    byte[] mac = kes.hmac("kes-crypto", utf8("message"));
    Secrets.assertSame("HMAC", mac, v.hmacKey().orElseThrow().mac(utf8("message")));
  }

  @Test
  void importedKeysKeepTheirBytesAndGetARandomHmacKey() throws Exception {
    byte[] material = new byte[32];
    new SecureRandom().nextBytes(material);
    kes.importKey("imported-1", KeyType.CHACHA20, material);
    kes.importKey("imported-2", KeyType.CHACHA20, material);
    KeyVersion one = ours("imported-1");
    KeyVersion two = ours("imported-2");
    assertThat(one.key()).isEqualTo(SecretKey.of(KeyType.CHACHA20, material));
    assertThat(one.createdBy()).isEqualTo(admin.identity().value());
    // §5.5: the HMAC key is not derived from the imported bytes.
    assertThat(one.hmacKey()).isNotEqualTo(two.hmacKey());
    Secrets.assertDifferent("HMACs of twice-imported bytes", kes.hmac("imported-1", utf8("m")), kes.hmac("imported-2", utf8("m")));
  }

  // --- we write, KES reads -----------------------------------------------------------------------

  @Test
  void keysWrittenByOurCodecAreServedByKes() throws Exception {
    for (KeyType type : KeyType.values()) {
      String name = "ours-" + type.apiName().toLowerCase();
      byte[] material = new byte[32];
      new SecureRandom().nextBytes(material);
      Instant created = Instant.parse("2025-06-01T12:34:56.789012345Z");
      KeyVersion v = KeyVersion.of(SecretKey.of(type, material), HmacKey.of(material.clone()), created, admin.identity().value());
      store.create(name, KeyVersionCodec.encode(v));

      assertThat(kes.describeKey(name)).isEqualTo(new KeyInfo(name, type, created, admin.identity()));
      byte[] context = utf8("ctx-" + name);
      byte[] sealed = v.key().encrypt(utf8("our plaintext"), context);
      assertThat(kes.decrypt(name, sealed, context)).isEqualTo(utf8("our plaintext"));
      assertThatThrownBy(() -> kes.decrypt(name, sealed, utf8("wrong"))).isInstanceOf(DecryptionFailedException.class);
      Secrets.assertSame("HMAC", v.hmacKey().orElseThrow().mac(utf8("m")), kes.hmac(name, utf8("m")));
      Dek dek = kes.generateKey(name, context);
      Secrets.assertSame("DEK", dek.plaintext(), v.key().decrypt(dek.ciphertext(), context));
    }
  }

  // --- §5.3 fixtures ---------------------------------------------------------------------------

  @Test
  void section53RepoFixture() throws Exception {
    KeyVersion v = ours("repo-fixture");
    assertThat(v.key()).isEqualTo(SecretKey.of(KeyType.AES256, b64(CompatVectors.REPO_KEY)));
    assertThat(v.hmacKey()).contains(HmacKey.of(b64(CompatVectors.REPO_HMAC_KEY)));
    assertThat(new String(KeyVersionCodec.encode(v), StandardCharsets.US_ASCII)).isEqualTo(CompatVectors.REPO_VALUE);
    assertThat(kes.describeKey("repo-fixture")).isEqualTo(new KeyInfo("repo-fixture", KeyType.AES256,
        Instant.parse(CompatVectors.REPO_CREATED), Identity.of(CompatVectors.CREATOR)));
  }

  @Test
  void section53ComputedValuesAreWhatKesServes() throws Exception {
    KeyVersion a = KeyVersion.of(SecretKey.of(KeyType.AES256, CompatVectors.KA), HmacKey.of(CompatVectors.HMAC_KEY),
        Instant.parse(CompatVectors.VALUE_A_CREATED), CompatVectors.CREATOR);
    assertThat(new String(KeyVersionCodec.encode(a), StandardCharsets.US_ASCII)).isEqualTo(CompatVectors.VALUE_A);
    assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(CompatVectors.VALUE_A))).isEqualTo(CompatVectors.VALUE_A_HEX);
    assertThat(kes.describeKey("ka-aes")).isEqualTo(new KeyInfo("ka-aes", KeyType.AES256,
        Instant.parse(CompatVectors.VALUE_A_CREATED), Identity.of(CompatVectors.CREATOR)));

    KeyVersion b = KeyVersion.of(SecretKey.of(KeyType.CHACHA20, CompatVectors.KB), HmacKey.of(CompatVectors.HMAC_KEY),
        Instant.parse(CompatVectors.VALUE_B_CREATED), "");
    assertThat(new String(KeyVersionCodec.encode(b), StandardCharsets.US_ASCII)).isEqualTo(CompatVectors.VALUE_B);
    assertThat(kes.describeKey("kb-chacha")).isEqualTo(new KeyInfo("kb-chacha", KeyType.CHACHA20,
        Instant.parse(CompatVectors.VALUE_B_CREATED), Identity.UNKNOWN));
  }

  @Test
  void section66HmacVectors() throws Exception {
    for (String key : new String[] {"ka-aes", "kb-chacha"}) {
      assertThat(Base64.getEncoder().encodeToString(kes.hmac(key, utf8("Hello World")))).isEqualTo(CompatVectors.HMAC_HELLO);
      assertThat(Base64.getEncoder().encodeToString(kes.hmac(key, new byte[0]))).isEqualTo(CompatVectors.HMAC_EMPTY);
      HmacKey ourKey = ours(key).hmacKey().orElseThrow();
      assertThat(Base64.getEncoder().encodeToString(ourKey.mac(utf8("Hello World")))).isEqualTo(CompatVectors.HMAC_HELLO);
      assertThat(Base64.getEncoder().encodeToString(ourKey.mac(new byte[0]))).isEqualTo(CompatVectors.HMAC_EMPTY);
    }
  }

  // --- §5.4 legacy JSON keys -------------------------------------------------------------------

  @Test
  void legacyJsonKeysAreDescribedAlikeAndCannotHmac() throws Exception {
    Map<String, KeyInfo> expected = Map.of(
        "kz-aes", new KeyInfo("kz-aes", KeyType.AES256, KeyVersion.GO_ZERO_TIME, Identity.UNKNOWN),
        "kz-chacha", new KeyInfo("kz-chacha", KeyType.CHACHA20, KeyVersion.GO_ZERO_TIME, Identity.UNKNOWN),
        "legacy-aes", new KeyInfo("legacy-aes", KeyType.AES256, Instant.parse("2009-11-10T23:00:00Z"),
            Identity.of("40235905b7b83e0537a002db523cd019d6709b899adc249c957860cd00fa9f78")),
        "legacy-chacha", new KeyInfo("legacy-chacha", KeyType.CHACHA20, Instant.parse("2009-11-10T23:00:00Z"),
            Identity.of("189d9de5331e3ee8abe9e4bd40d474ad621d79ccf83a711f6ac68050eb15a52a")));
    for (var e : expected.entrySet()) {
      KeyInfo info = e.getValue();
      assertThat(kes.describeKey(e.getKey())).isEqualTo(info);
      KeyVersion v = ours(e.getKey());
      assertThat(v.key().type()).isEqualTo(info.algorithm());
      assertThat(v.createdAt()).isEqualTo(info.createdAt());
      assertThat(v.createdBy()).isEqualTo(info.createdBy().value());
      assertThat(v.hmacKey()).isEmpty();
      assertThatThrownBy(() -> kes.hmac(e.getKey(), utf8("m")))
          .isExactlyInstanceOf(ApiException.class)
          .hasMessage("key does not support HMAC")
          .extracting(x -> ((ApiException) x).status()).isEqualTo(409);
    }
  }

  // --- §6.6 decrypt vectors, on KES and on ours ---------------------------------------------------

  Iterable<CompatVectors.Decrypt> decrypts() {
    return CompatVectors.DECRYPTS;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decrypts")
  void vectorDecryptsAlikeOnKesAndOurs(CompatVectors.Decrypt v) throws Exception {
    assertThat(kes.decrypt(v.key(), v.ciphertext(), v.context())).as("real KES, %s", v.id()).isEqualTo(v.plaintext());
    assertThat(ours(v.key()).key().decrypt(v.ciphertext(), v.context())).as("ours, %s", v.id()).isEqualTo(v.plaintext());
  }

  @Test
  void theApiFormOfJ1IsBase64OfTheEnvelope() {
    byte[] j1 = CompatVectors.DECRYPTS.stream().filter(d -> d.id().equals("J1")).findFirst().orElseThrow().ciphertext();
    assertThat(Base64.getEncoder().encodeToString(j1)).isEqualTo(CompatVectors.J1_API);
  }

  Iterable<CompatVectors.MustFail> mustFail() {
    return CompatVectors.MUST_FAIL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mustFail")
  void vectorFailsAlikeOnKesAndOurs(CompatVectors.MustFail v) throws Exception {
    assertThatThrownBy(() -> kes.decrypt(v.key(), v.ciphertext(), v.context())).as("real KES, %s", v.id())
        .isInstanceOf(DecryptionFailedException.class);
    KeyVersion key = ours(v.key());
    assertThatThrownBy(() -> key.key().decrypt(v.ciphertext(), v.context())).as("ours, %s", v.id())
        .isInstanceOf(DecryptionException.class);
  }
}
