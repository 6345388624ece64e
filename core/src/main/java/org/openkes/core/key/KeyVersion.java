package org.openkes.core.key;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openkes.core.crypto.HmacKey;
import org.openkes.core.crypto.SecretKey;

/**
 * One version of a master key as a keystore holds it (kes-compat.md §5): the secret key, the
 * HMAC key (absent for legacy JSON keys), when and by whom it was created. Immutable.
 *
 * <p>Two key versions are {@link #sameKeyMaterial the same key} when their secret and HMAC keys
 * are equal, whatever their encodings; that is what {@code kes migrate} compares.
 */
public final class KeyVersion {
  /** Go's zero {@code time.Time}: what legacy JSON keys without {@code created_at} report. */
  public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final SecretKey key;
  private final HmacKey hmacKey; // null for legacy JSON keys
  private final Instant createdAt;
  private final String createdBy;

  private KeyVersion(SecretKey key, HmacKey hmacKey, Instant createdAt, String createdBy) {
    this.key = Objects.requireNonNull(key, "key");
    this.hmacKey = hmacKey;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
  }

  /** A current-format key version (with an HMAC key). */
  public static KeyVersion of(SecretKey key, HmacKey hmacKey, Instant createdAt, String createdBy) {
    return new KeyVersion(key, Objects.requireNonNull(hmacKey, "hmacKey"), createdAt, createdBy);
  }

  /** A legacy key version without an HMAC key (read from the old JSON form). */
  public static KeyVersion legacy(SecretKey key, Instant createdAt, String createdBy) {
    return new KeyVersion(key, null, createdAt, createdBy);
  }

  public SecretKey key() {
    return key;
  }

  /** The HMAC key; empty for legacy keys, which cannot compute HMACs (409 in the API). */
  public Optional<HmacKey> hmacKey() {
    return Optional.ofNullable(hmacKey);
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The identity of the creator; empty when unknown. */
  public String createdBy() {
    return createdBy;
  }

  /**
   * Whether {@code other} holds the same secret key (type and bytes) and the same HMAC key (or
   * both none). Constant time in the key bytes; creation metadata is not compared.
   */
  public boolean sameKeyMaterial(KeyVersion other) {
    boolean sameKey = key.equals(other.key);
    boolean sameHmac =
        hmacKey == null ? other.hmacKey == null : other.hmacKey != null && hmacKey.equals(other.hmacKey);
    return sameKey & sameHmac;
  }

  @Override
  public String toString() {
    return "KeyVersion[" + key.type().apiName() + (hmacKey == null ? ", legacy" : "")
        + ", createdAt=" + createdAt + ", createdBy=" + createdBy + "]";
  }
}
