package org.openkes.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openkes.core.crypto.DecryptionException;
import org.openkes.core.crypto.Dek;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.InvalidKeyException;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.key.KeyVersionCodec;

/**
 * The per-request crypto of the KES API: sealing a fresh 32-byte DEK ({@code /v1/key/generate}),
 * unsealing it ({@code /v1/key/decrypt}), and decoding a stored key (every cache miss).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CryptoBenchmark {
  @Param({"AES256", "CHACHA20"})
  public String type;

  private SecretKey key;
  private byte[] context;
  private byte[] sealedDek;
  private byte[] storedProto;
  private byte[] storedLegacyJson;

  @Setup
  public void setup() {
    byte[] raw = new byte[32];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) i;
    }
    key = SecretKey.of(KeyType.valueOf(type), raw);
    context = "{\"MinIO\":\"my-bucket/my-object\"}".getBytes(StandardCharsets.UTF_8);
    sealedDek = key.generateDek(context).ciphertext();
    storedProto = KeyVersionCodec.encode(KeyVersion.of(key, HmacKey.of(raw),
        Instant.parse("2025-01-02T03:04:05.123456789Z"),
        "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22"));
    storedLegacyJson = ("{\"bytes\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"algorithm\":\""
        + (type.equals("AES256") ? "AES256" : "ChaCha20")
        + "\",\"created_at\":\"2009-11-10T23:00:00Z\",\"created_by\":\"x\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Dek sealDek() {
    return key.generateDek(context);
  }

  @Benchmark
  public byte[] unsealDek() throws DecryptionException {
    return key.decrypt(sealedDek, context);
  }

  @Benchmark
  public KeyVersion decodeStoredKey() throws InvalidKeyException {
    return KeyVersionCodec.decode(storedProto);
  }

  @Benchmark
  public KeyVersion decodeLegacyJsonKey() throws InvalidKeyException {
    return KeyVersionCodec.decode(storedLegacyJson);
  }
}
