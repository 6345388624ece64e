package org.openkes.server.api;

import static org.openkes.server.api.ApiResponse.error;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.openkes.core.crypto.DecryptionException;
import org.openkes.core.crypto.Dek;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;
import org.openkes.core.key.KeyName;
import org.openkes.core.key.KeyVersion;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.server.cache.KeyCache;
import org.openkes.server.json.GoJson;
import org.openkes.server.json.GoTime;
import org.openkes.server.json.JsonBody;
import org.openkes.server.json.JsonBody.Field;

/**
 * The {@code /v1/key/*} handlers (kes-compat.md §1.5), in KES's order of checks: name, body,
 * keystore, crypto. Keystore failures are logged with their cause; the client gets KES's generic
 * message.
 */
final class KeyApi {
  private static final List<Field> IMPORT = List.of(Field.bytes("key"), Field.string("cipher"));
  private static final List<Field> ENCRYPT =
      List.of(Field.bytes("plaintext"), Field.bytes("context"), Field.string("version"));
  private static final List<Field> DECRYPT =
      List.of(Field.bytes("ciphertext"), Field.bytes("context"), Field.string("version"));
  private static final List<Field> GENERATE =
      List.of(Field.bytes("context"), Field.string("version"));
  private static final List<Field> HMAC = List.of(Field.bytes("message"), Field.string("version"));

  private final ApiContext ctx;

  KeyApi(ApiContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Creates an AES256 key with a random HMAC key (kes-compat.md §10: always AES256). Not cached:
   * another node may delete it.
   */
  ApiResponse create(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    byte[] secret = random(SecretKey.SIZE);
    byte[] mac = random(HmacKey.SIZE);
    KeyVersion key;
    try {
      key = KeyVersion.of(SecretKey.of(KeyType.AES256, secret), HmacKey.of(mac), now(),
          req.identity().value());
    } finally {
      SecretKey.wipe(secret);
      SecretKey.wipe(mac);
    }
    return store(req, key);
  }

  /** Imports 32 key bytes of a given cipher; the HMAC key is random, as in KES. */
  ApiResponse importKey(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    JsonBody.Values body;
    try {
      body = JsonBody.decode(req.body().read(), IMPORT);
    } catch (JsonBody.Malformed | IOException e) {
      ctx.errorLog().error(describe(e), req.info());
      return error(400, Errors.INVALID_IMPORT_BODY);
    }
    String cipher = body.string("cipher");
    Optional<KeyType> type = KeyType.fromName(cipher);
    if (type.isEmpty()) {
      return error(406, "algorithm '" + cipher + "' is not supported");
    }
    byte[] bytes = body.bytes("key");
    byte[] mac = random(HmacKey.SIZE);
    try {
      if (bytes.length != SecretKey.SIZE) {
        return error(406, "invalid key size for '" + cipher + "'");
      }
      return store(req, KeyVersion.of(SecretKey.of(type.get(), bytes), HmacKey.of(mac), now(),
          req.identity().value()));
    } finally {
      SecretKey.wipe(bytes);
      SecretKey.wipe(mac);
    }
  }

  private ApiResponse store(ApiRequest req, KeyVersion key) {
    try {
      ctx.keys().create(req.resource(), key);
    } catch (KeyStoreException.KeyExists e) {
      return error(400, Errors.KEY_EXISTS);
    } catch (KeyStoreException | RuntimeException e) {
      ctx.errorLog().error(describe(e), req.info());
      return error(502, Errors.FAILED_CREATE);
    }
    audit(req, "secret key '" + req.resource() + "' created");
    return new ApiResponse.Empty(200);
  }

  ApiResponse describe(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    return withKey(req, key -> ApiResponse.ok(GoJson.object()
        .put("name", req.resource())
        .put("algorithm", key.key().type().apiName())
        .put("created_at", GoTime.rfc3339Nano(key.createdAt()))
        .putUnless(key.createdBy().isEmpty(), "created_by", key.createdBy())));
  }

  /**
   * Lists key names. Differs from KES on purpose (kes-compat.md §10 Q1, Q2, Q6): one trailing
   * {@code *} is stripped, all names are returned (no {@code continue_at}), and a keystore
   * error is answered once, with 502.
   */
  ApiResponse list(ApiRequest req) {
    String pattern = req.resource();
    if (!KeyName.isValidPattern(pattern)) {
      return error(400, Errors.invalidPattern(pattern));
    }
    String prefix = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
    List<String> names;
    try {
      names = ctx.keys().store().listAll(prefix);
    } catch (KeyStoreException | RuntimeException e) {
      ctx.errorLog().error(describe(e), req.info());
      return error(502, Errors.FAILED_LIST);
    }
    return ApiResponse.ok(GoJson.object().put("names", names));
  }

  ApiResponse delete(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    try {
      ctx.keys().delete(req.resource());
    } catch (KeyStoreException.KeyNotFound e) {
      return error(404, Errors.KEY_NOT_FOUND);
    } catch (KeyStoreException | RuntimeException e) {
      ctx.errorLog().error(describe(e), req.info());
      return error(502, Errors.FAILED_DELETE);
    }
    audit(req, "secret key '" + req.resource() + "' deleted");
    return new ApiResponse.Empty(200);
  }

  /** A fresh data key and its ciphertext; the body is optional (read only when announced). */
  ApiResponse generate(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    JsonBody.Values body = JsonBody.empty();
    if (req.body().announced()) {
      try {
        byte[] raw = req.body().read();
        // An empty body where the length was not announced (chunked, HTTP/2) means "no body".
        body = raw.length == 0 ? JsonBody.empty() : JsonBody.decode(raw, GENERATE);
      } catch (JsonBody.Malformed | IOException e) {
        ctx.errorLog().error(describe(e), req.info());
        return error(400, Errors.INVALID_BODY);
      }
    }
    byte[] context = body.bytes("context");
    return withKey(req, key -> {
      Dek dek;
      try {
        dek = key.key().generateDek(context);
      } catch (RuntimeException e) {
        ctx.errorLog().error(describe(e), req.info());
        return error(500, Errors.FAILED_GENERATE);
      }
      byte[] plaintext = dek.plaintext();
      try {
        return ApiResponse.ok(
            GoJson.object().put("plaintext", plaintext).put("ciphertext", dek.ciphertext()));
      } finally {
        SecretKey.wipe(plaintext);
      }
    });
  }

  ApiResponse encrypt(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    Optional<JsonBody.Values> body = readBody(req, ENCRYPT);
    if (body.isEmpty()) {
      return error(400, Errors.INVALID_BODY);
    }
    byte[] plaintext = body.get().bytes("plaintext");
    byte[] context = body.get().bytes("context");
    try {
      return withKey(req, key -> {
        byte[] ciphertext;
        try {
          ciphertext = key.key().encrypt(plaintext, context);
        } catch (RuntimeException e) {
          ctx.errorLog().error(describe(e), req.info());
          return error(500, Errors.FAILED_ENCRYPT);
        }
        return ApiResponse.ok(GoJson.object().put("ciphertext", ciphertext));
      });
    } finally {
      SecretKey.wipe(plaintext);
    }
  }

  ApiResponse decrypt(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    Optional<JsonBody.Values> body = readBody(req, DECRYPT);
    if (body.isEmpty()) {
      return error(400, Errors.INVALID_BODY);
    }
    byte[] ciphertext = body.get().bytes("ciphertext");
    byte[] context = body.get().bytes("context");
    return withKey(req, key -> {
      byte[] plaintext;
      try {
        plaintext = key.key().decrypt(ciphertext, context);
      } catch (DecryptionException e) {
        return error(400, Errors.DECRYPT);
      } catch (RuntimeException e) {
        ctx.errorLog().error(describe(e), req.info());
        return error(500, Errors.FAILED_DECRYPT);
      }
      try {
        return ApiResponse.ok(GoJson.object().put("plaintext", plaintext));
      } finally {
        SecretKey.wipe(plaintext);
      }
    });
  }

  ApiResponse hmac(ApiRequest req) {
    if (!KeyName.isValid(req.resource())) {
      return error(400, Errors.invalidKeyName(req.resource()));
    }
    Optional<JsonBody.Values> body = readBody(req, HMAC);
    if (body.isEmpty()) {
      return error(400, Errors.INVALID_BODY);
    }
    byte[] message = body.get().bytes("message");
    return withKey(req, key -> {
      Optional<HmacKey> mac = key.hmacKey();
      if (mac.isEmpty()) {
        return error(409, Errors.NO_HMAC);
      }
      return ApiResponse.ok(GoJson.object().put("hmac", mac.get().mac(message)));
    });
  }

  // --- helpers ---

  private Optional<JsonBody.Values> readBody(ApiRequest req, List<Field> fields) {
    try {
      return Optional.of(JsonBody.decode(req.body().read(), fields));
    } catch (JsonBody.Malformed | IOException e) {
      ctx.errorLog().error(describe(e), req.info());
      return Optional.empty();
    }
  }

  private interface KeyFunction {
    ApiResponse apply(KeyVersion key);
  }

  /**
   * Loads the key through the cache and applies {@code f}; maps cache failures to KES errors.
   * Where the request must not wait, only a cached key will do.
   */
  private ApiResponse withKey(ApiRequest req, KeyFunction f) {
    KeyVersion key;
    try {
      if (req.mayWait()) {
        key = ctx.keys().get(req.resource());
      } else {
        Optional<KeyVersion> cached = ctx.keys().cached(req.resource());
        if (cached.isEmpty()) {
          return new ApiResponse.WouldWait();
        }
        key = cached.get();
      }
    } catch (KeyCache.GetException e) {
      if (e.failure() instanceof KeyCache.Failure.NotFound) {
        return error(404, Errors.KEY_NOT_FOUND);
      }
      ctx.errorLog().error(describe(e), req.info());
      return error(502, Errors.FAILED_READ);
    } catch (RuntimeException e) {
      ctx.errorLog().error(describe(e), req.info());
      return error(502, Errors.FAILED_READ);
    }
    return f.apply(key);
  }

  private void audit(ApiRequest req, String message) {
    ctx.auditLog().log(message, 200, req.info(),
        Duration.ofNanos(System.nanoTime() - req.receivedNanos()));
  }

  private Instant now() {
    // Go keeps nanoseconds; Instant.now() has at most microseconds on most platforms.
    return ctx.clock().instant().truncatedTo(ChronoUnit.NANOS);
  }

  private byte[] random(int n) {
    byte[] b = new byte[n];
    ctx.random().nextBytes(b);
    return b;
  }

  /** A log message for an exception: its message, or its type when it has none. */
  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
  }
}
