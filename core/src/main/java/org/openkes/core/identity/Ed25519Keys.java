package org.openkes.core.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * Ed25519 with the JDK's own provider only. API keys are on the path of every client command;
 * BouncyCastle's jar is signed, and the JDK verifies a signed jar's signatures the first time it
 * loads a class from it, which cost a CLI run about a third of a second.
 */
final class Ed25519Keys {
  static final int SEED_SIZE = 32;

  /** PKCS#8 of an Ed25519 key up to the seed, exactly as Go's {@code MarshalPKCS8PrivateKey}. */
  private static final byte[] PKCS8_PREFIX = {
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
  };

  private Ed25519Keys() {}

  /**
   * The RFC 8032 public key of a seed. The JDK has no "public key of this private key" call, but
   * its key-pair generator takes the seed as the 32 bytes it draws from the random source.
   */
  static byte[] publicKey(byte[] seed) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
      byte[] spki = g.generateKeyPair().getPublic().getEncoded(); // 12-byte prefix + key
      return Arrays.copyOfRange(spki, spki.length - SEED_SIZE, spki.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    }
  }

  /** The PKCS#8 DER of the private key with this seed. */
  static byte[] pkcs8(byte[] seed) {
    byte[] out = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + seed.length);
    System.arraycopy(seed, 0, out, PKCS8_PREFIX.length, seed.length);
    return out;
  }

  /** A "random" source that returns the seed, once. */
  private static final class SeedAsRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeedAsRandom(byte[] seed) {
      super(new SeedSpi(seed), null);
    }
  }

  private static final class SeedSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private boolean used;

    SeedSpi(byte[] seed) {
      this.seed = seed;
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("the Ed25519 generator asked for other bytes than the seed");
      }
      used = true;
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      throw new UnsupportedOperationException();
    }
  }
}
