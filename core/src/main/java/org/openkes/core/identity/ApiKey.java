package org.openkes.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A KES API key (§3): an Ed25519 private key written as {@code kes:v1:} + base64(0x00 ‖ seed).
 * API keys are purely client-side; a client presents the derived self-signed certificate ({@link
 * #certificate()}) and the server sees an ordinary certificate whose identity equals {@link
 * #identity()}.
 *
 * <p>The key is a secret: {@link #toString()} is redacted and only {@link #reveal()} returns the
 * {@code kes:v1:} text. Instances are immutable; equality compares the seed in constant time.
 */
public final class ApiKey {
  /** The optional prefix of the text form. */
  public static final String PREFIX = "kes:v1:";

  private static final int SEED_SIZE = Ed25519Keys.SEED_SIZE;
  private static final byte ED25519_TYPE = 0;
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private final byte[] seed;
  private final byte[] publicKey;
  private final Identity identity;

  private ApiKey(byte[] seed) {
    this.seed = seed;
    this.publicKey = Ed25519Keys.publicKey(seed);
    this.identity = Identity.ofSubjectPublicKeyInfo(subjectPublicKeyInfo());
  }

  /**
   * Parses an API key like the SDK's {@code ParseAPIKey}: the {@code kes:v1:} prefix is optional,
   * the rest must be standard base64 with padding of exactly 33 bytes starting with type 0.
   */
  public static ApiKey parse(String s) throws InvalidApiKeyException {
    Objects.requireNonNull(s, "s");
    String body = s.startsWith(PREFIX) ? s.substring(PREFIX.length()) : s;
    byte[] decoded =
        switch (GoStdBase64.decode(body.getBytes(StandardCharsets.UTF_8))) {
          case GoStdBase64.Decoded d -> d.bytes();
          case GoStdBase64.Corrupt c ->
              throw new InvalidApiKeyException(
                  InvalidApiKeyException.Reason.MALFORMED_BASE64, c.message());
        };
    try {
      if (decoded.length != 1 + SEED_SIZE) {
        throw new InvalidApiKeyException(
            InvalidApiKeyException.Reason.INVALID_LENGTH, "kes: invalid API key: invalid length");
      }
      if (decoded[0] != ED25519_TYPE) {
        throw new InvalidApiKeyException(
            InvalidApiKeyException.Reason.UNSUPPORTED_TYPE,
            "kes: invalid API key: unsupported type");
      }
      return new ApiKey(Arrays.copyOfRange(decoded, 1, decoded.length));
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /** A new random API key (the SDK's {@code GenerateAPIKey}: 32 random bytes of seed). */
  public static ApiKey generate(SecureRandom random) {
    byte[] seed = new byte[SEED_SIZE];
    random.nextBytes(seed);
    return new ApiKey(seed);
  }

  /**
   * The API key with the given RFC 8032 Ed25519 seed.
   *
   * @throws IllegalArgumentException unless {@code seed} is 32 bytes
   */
  public static ApiKey fromSeed(byte[] seed) {
    if (seed.length != SEED_SIZE) {
      throw new IllegalArgumentException("Ed25519 seed must be 32 bytes, not " + seed.length);
    }
    return new ApiKey(seed.clone());
  }

  /**
   * The API key of a PKCS#8 Ed25519 private key ({@code kes identity <key-file>}, §3.4).
   *
   * @throws KeyMaterialException {@code NOT_ED25519} for other key types, {@code
   *     MALFORMED_PRIVATE_KEY} if it is not PKCS#8
   */
  public static ApiKey fromEd25519Pkcs8(byte[] der) throws KeyMaterialException {
    byte[] seed = PrivateKeys.ed25519SeedFromPkcs8(der);
    return new ApiKey(seed);
  }

  /** The {@code kes:v1:} text form. This is the secret itself: handle it like a password. */
  public String reveal() {
    byte[] raw = new byte[1 + SEED_SIZE];
    raw[0] = ED25519_TYPE;
    System.arraycopy(seed, 0, raw, 1, SEED_SIZE);
    try {
      return PREFIX + Base64.getEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  public Identity identity() {
    return identity;
  }

  /** The 32-byte Ed25519 public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The DER SubjectPublicKeyInfo of the public key, whose SHA-256 is the identity (§3.2). */
  public byte[] subjectPublicKeyInfo() {
    byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + publicKey.length);
    System.arraycopy(publicKey, 0, spki, ED25519_SPKI_PREFIX.length, publicKey.length);
    return spki;
  }

  /** The private key as PKCS#8 DER, byte for byte what Go's {@code MarshalPKCS8PrivateKey} gives. */
  public byte[] pkcs8() {
    return Ed25519Keys.pkcs8(seed);
  }

  /** The private key as a JDK Ed25519 key, usable with JSSE. */
  public PrivateKey jcaPrivateKey() {
    byte[] der = pkcs8();
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** The public key as a JDK Ed25519 key. */
  public PublicKey jcaPublicKey() {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    }
  }

  public KeyPair jcaKeyPair() {
    return new KeyPair(jcaPublicKey(), jcaPrivateKey());
  }

  /**
   * A fresh client certificate for this key, as the SDK's {@code GenerateCertificate} makes it
   * (§3.3): self-signed Ed25519, {@code CN=<identity>}, valid now to now + 90 days, clientAuth.
   */
  public X509Certificate certificate() {
    return certificate(Instant.now(), new SecureRandom());
  }

  /** {@link #certificate()} at a given time and with a given source of serial numbers. */
  public X509Certificate certificate(Instant now, SecureRandom random) {
    return ApiKeyCertificates.create(this, now, random);
  }

  /** Constant-time comparison of the secret seeds. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey other && MessageDigest.isEqual(seed, other.seed);
  }

  @Override
  public int hashCode() {
    return identity.hashCode(); // derived from the public key only
  }

  /** Redacted: shows the identity (public), never the key. */
  @Override
  public String toString() {
    return "ApiKey[identity=" + identity + ", key=<redacted>]";
  }
}
