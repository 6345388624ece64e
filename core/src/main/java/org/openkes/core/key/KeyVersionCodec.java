package org.openkes.core.key;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.openkes.core.codec.GoBase64;
import org.openkes.core.codec.ProtoReader;
import org.openkes.core.codec.ProtoReader.MalformedException;
import org.openkes.core.codec.ProtoWriter;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.KeyType;
import org.openkes.core.crypto.SecretKey;

/**
 * The value a keystore holds for a key (kes-compat.md §5): written as
 * {@code base64(protobuf(KeyVersion))}, byte-identical to real KES; read in that form and in the
 * legacy JSON form of KES ≤ v0.23.
 */
public final class KeyVersionCodec {
  // Duplicate members are allowed (Go: the last one wins); everything else is strict JSON.
  private static final JsonFactory JSON = new JsonFactory();

  private KeyVersionCodec() {}

  /**
   * Encodes a key version as real KES writes it: base64 (standard, padded) of the protobuf, no
   * trailing newline.
   *
   * @throws IllegalArgumentException for a legacy key without an HMAC key: KES never writes one
   */
  public static byte[] encode(KeyVersion v) {
    HmacKey hmac = v.hmacKey().orElseThrow(
        () -> new IllegalArgumentException("crypto: HMAC key is not initialized"));
    byte[] key = v.key().copyOfBytes();
    byte[] mac = hmac.copyOfBytes();
    try {
      ProtoWriter secret = new ProtoWriter().bytes(1, key).varint(2, v.key().type().protoNumber());
      ProtoWriter hmacMsg = new ProtoWriter().bytes(1, mac).varint(2, 1);
      ProtoWriter ts = new ProtoWriter();
      if (v.createdAt().getEpochSecond() != 0) {
        ts.varint(1, v.createdAt().getEpochSecond());
      }
      if (v.createdAt().getNano() != 0) {
        ts.varint(2, v.createdAt().getNano());
      }
      ProtoWriter msg = new ProtoWriter().message(1, secret).message(2, hmacMsg).message(3, ts);
      if (!v.createdBy().isEmpty()) {
        msg.string(4, v.createdBy());
      }
      byte[] proto = msg.toByteArray();
      byte[] out = GoBase64.encode(proto).getBytes(StandardCharsets.US_ASCII);
      SecretKey.wipe(proto);
      return out;
    } finally {
      SecretKey.wipe(key);
      SecretKey.wipe(mac);
    }
  }

  /**
   * Decodes a stored value, as real KES's {@code ParseKeyVersion}: the legacy JSON form if the
   * whole value is valid JSON, else base64 protobuf.
   *
   * @throws InvalidKeyException if the value is neither
   */
  public static KeyVersion decode(byte[] value) throws InvalidKeyException {
    if (isValidJson(value)) {
      return decodeLegacyJson(value);
    }
    String text = new String(value, StandardCharsets.ISO_8859_1); // never fails; base64 is ASCII
    byte[] proto = GoBase64.decode(text).orElseThrow(
        () -> new InvalidKeyException("illegal base64 data in stored key"));
    try {
      return decodeProto(proto);
    } catch (MalformedException e) {
      throw new InvalidKeyException(e.getMessage());
    } finally {
      SecretKey.wipe(proto);
    }
  }

  // --- protobuf ----------------------------------------------------------------------------

  private static KeyVersion decodeProto(byte[] proto) throws MalformedException, InvalidKeyException {
    // Embedded messages that occur twice are merged (proto3), so keep partial state per message.
    byte[] key = null;
    long type = 0;
    byte[] mac = null;
    long hash = 0;
    long seconds = 0;
    long nanos = 0;
    boolean hasKey = false;
    boolean hasHmac = false;
    String createdBy = "";
    ProtoReader r = new ProtoReader(proto);
    while (r.hasMore()) {
      long tag = r.readTag();
      int field = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (field == 1 && wire == ProtoReader.LEN) {
        hasKey = true;
        ProtoReader m = r.readMessage();
        while (m.hasMore()) {
          long t = m.readTag();
          if (t == (1 << 3 | ProtoReader.LEN)) {
            key = m.readBytes();
          } else if (t == (2 << 3 | ProtoReader.VARINT)) {
            type = m.readVarint();
          } else {
            m.skip((int) (t & 7));
          }
        }
      } else if (field == 2 && wire == ProtoReader.LEN) {
        hasHmac = true;
        ProtoReader m = r.readMessage();
        while (m.hasMore()) {
          long t = m.readTag();
          if (t == (1 << 3 | ProtoReader.LEN)) {
            mac = m.readBytes();
          } else if (t == (2 << 3 | ProtoReader.VARINT)) {
            hash = m.readVarint();
          } else {
            m.skip((int) (t & 7));
          }
        }
      } else if (field == 3 && wire == ProtoReader.LEN) {
        ProtoReader m = r.readMessage();
        while (m.hasMore()) {
          long t = m.readTag();
          if (t == (1 << 3 | ProtoReader.VARINT)) {
            seconds = m.readVarint();
          } else if (t == (2 << 3 | ProtoReader.VARINT)) {
            nanos = (int) m.readVarint(); // int32: negative values are sign-extended varints
          } else {
            m.skip((int) (t & 7));
          }
        }
      } else if (field == 4 && wire == ProtoReader.LEN) {
        createdBy = new String(r.readBytes(), StandardCharsets.UTF_8);
      } else if (field <= 4) {
        throw new MalformedException("proto: cannot parse invalid wire-format data");
      } else {
        r.skip(wire);
      }
    }
    try {
      // Real KES dereferences a missing sub-message and crashes; we call it invalid.
      int keyLength = hasKey && key != null ? key.length : 0;
      if (keyLength != SecretKey.SIZE) {
        throw new InvalidKeyException("crypto: invalid secret key length '" + keyLength + "'");
      }
      Optional<KeyType> keyType = KeyType.fromProtoNumber(type);
      if (keyType.isEmpty()) {
        throw new InvalidKeyException("crypto: invalid secret key type '" + type + "'");
      }
      int macLength = hasHmac && mac != null ? mac.length : 0;
      if (macLength != HmacKey.SIZE) {
        throw new InvalidKeyException("crypto: invalid HMAC key length '" + macLength + "'");
      }
      if (hash != 1) {
        throw new InvalidKeyException("crypto: invalid HMAC key hash '" + hash + "'");
      }
      Instant createdAt = timestamp(seconds, nanos);
      return KeyVersion.of(SecretKey.of(keyType.get(), key), HmacKey.of(mac), createdAt, createdBy);
    } finally {
      SecretKey.wipe(key);
      SecretKey.wipe(mac);
    }
  }

  private static Instant timestamp(long seconds, long nanos) throws InvalidKeyException {
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new InvalidKeyException("proto: invalid created_at timestamp");
    }
  }

  // --- legacy JSON -------------------------------------------------------------------------

  /** Go's {@code json.Valid}: exactly one JSON value, surrounded only by whitespace. */
  private static boolean isValidJson(byte[] value) {
    try (JsonParser p = JSON.createParser(value)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Decodes as Go's {@code encoding/json} would into KES's legacy struct: member names match
   * case-insensitively, the last duplicate wins, unknown members and nulls are ignored.
   */
  private static KeyVersion decodeLegacyJson(byte[] value) throws InvalidKeyException {
    byte[] bytes = new byte[0];
    String algorithm = "";
    Instant createdAt = KeyVersion.GO_ZERO_TIME;
    String createdBy = "";
    try (JsonParser p = JSON.createParser(value)) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.VALUE_NULL) {
        throw new InvalidKeyException("crypto: invalid key length '0' for 'AES256'");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidKeyException(
            "json: cannot unmarshal " + goType(first) + " into Go value of type crypto.JSON");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equalsIgnoreCase("bytes")) {
          if (t == JsonToken.VALUE_STRING) {
            bytes = GoBase64.decode(p.getText()).orElseThrow(
                () -> new InvalidKeyException("illegal base64 data in legacy key field 'bytes'"));
          } else if (t != JsonToken.VALUE_NULL) {
            throw typeError(t, "bytes", "[]uint8");
          }
        } else if (name.equalsIgnoreCase("algorithm")) {
          algorithm = stringField(p, t, "algorithm", algorithm);
        } else if (name.equalsIgnoreCase("created_at")) {
          if (t == JsonToken.VALUE_STRING) {
            createdAt = parseRfc3339(p.getText());
          } else if (t != JsonToken.VALUE_NULL) {
            throw typeError(t, "created_at", "time.Time");
          }
        } else if (name.equalsIgnoreCase("created_by")) {
          createdBy = stringField(p, t, "created_by", createdBy);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new InvalidKeyException("invalid legacy JSON key");
    }
    KeyType type;
    if (algorithm.isEmpty()) {
      type = KeyType.AES256;
    } else {
      String a = algorithm;
      type = KeyType.fromName(a).orElseThrow(
          () -> new InvalidKeyException("crypto: secret key type '" + a + "' is not supported"));
    }
    if (bytes.length != SecretKey.SIZE) {
      throw new InvalidKeyException(
          "crypto: invalid key length '" + bytes.length + "' for '" + type.apiName() + "'");
    }
    try {
      return KeyVersion.legacy(SecretKey.of(type, bytes), createdAt, createdBy);
    } finally {
      SecretKey.wipe(bytes);
    }
  }

  private static String stringField(JsonParser p, JsonToken t, String field, String current)
      throws IOException, InvalidKeyException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return current;
    }
    throw typeError(t, field, "string");
  }

  private static Instant parseRfc3339(String s) throws InvalidKeyException {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidKeyException("parsing time \"" + s + "\" as RFC 3339 failed");
    }
  }

  private static InvalidKeyException typeError(JsonToken t, String field, String goType) {
    return new InvalidKeyException("json: cannot unmarshal " + goType(t)
        + " into Go struct field JSON." + field + " of type " + goType);
  }

  private static String goType(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      default -> "value";
    };
  }
}
