package org.openkes.core.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The JCE calls behind KES's primitives. Every call builds a fresh {@link Cipher} or {@link Mac}:
 * instances are not thread-safe, and a GCM cipher refuses to be re-initialised with a nonce it has
 * already used, so sharing them would trade a few allocations for subtle failures.
 *
 * <p>Failures that no input can cause (a missing algorithm, a rejected 32-byte key) are bugs in
 * the runtime, not in the caller's data, and surface as {@link ProviderException}. Only a failed
 * authentication check becomes a {@link DecryptionException}.
 */
final class Jce {
  static final int NONCE_SIZE = 12;
  static final int TAG_SIZE = 16;

  // The providers the JCA picks for these algorithms, looked up once: naming the provider spares
  // every call a walk over the provider list (a few percent of a DEK request's CPU).
  private static final Provider HMAC = provider(() -> Mac.getInstance("HmacSHA256").getProvider());
  private static final Provider AES_GCM =
      provider(() -> Cipher.getInstance("AES/GCM/NoPadding").getProvider());
  private static final Provider CHACHA20 =
      provider(() -> Cipher.getInstance("ChaCha20-Poly1305").getProvider());

  private Jce() {}

  private interface Lookup {
    Provider get() throws GeneralSecurityException;
  }

  private static Provider provider(Lookup lookup) {
    try {
      return lookup.get();
    } catch (GeneralSecurityException e) {
      throw new ProviderException("crypto: a required algorithm is not available", e);
    }
  }

  /** HMAC-SHA256(key, message); 32 bytes. */
  static byte[] hmacSha256(byte[] key, byte[] message) {
    RawKey k = new RawKey("HmacSHA256", key.clone());
    try {
      Mac mac = Mac.getInstance("HmacSHA256", HMAC);
      mac.init(k);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new ProviderException("crypto: HMAC-SHA256 is not available", e);
    } finally {
      k.destroy();
    }
  }

  /**
   * AEAD-seals {@code plaintext} into {@code out[0 .. plaintext.length + 16)} (ciphertext, then
   * tag) and returns the number of bytes written.
   */
  static int seal(
      KeyType type, byte[] messageKey, byte[] nonce, byte[] plaintext, byte[] ad, byte[] out) {
    try {
      Cipher c = init(type, Cipher.ENCRYPT_MODE, messageKey, nonce, ad);
      return c.doFinal(plaintext, 0, plaintext.length, out, 0);
    } catch (GeneralSecurityException e) {
      throw new ProviderException("crypto: " + type.apiName() + " encryption failed", e);
    }
  }

  /** AEAD-opens {@code in[off .. off + len)} (ciphertext, then tag). */
  static byte[] open(
      KeyType type, byte[] messageKey, byte[] nonce, byte[] in, int off, int len, byte[] ad)
      throws DecryptionException {
    Cipher c;
    try {
      c = init(type, Cipher.DECRYPT_MODE, messageKey, nonce, ad);
    } catch (GeneralSecurityException e) {
      throw new ProviderException("crypto: " + type.apiName() + " decryption failed", e);
    }
    try {
      return c.doFinal(in, off, len);
    } catch (AEADBadTagException e) {
      throw new DecryptionException();
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      // Providers differ in how they report input shorter than a tag; it is the input's fault.
      throw new DecryptionException();
    }
  }

  private static Cipher init(KeyType type, int mode, byte[] messageKey, byte[] nonce, byte[] ad)
      throws GeneralSecurityException {
    Cipher c;
    RawKey key;
    AlgorithmParameterSpec params;
    switch (type) {
      case AES256 -> {
        c = Cipher.getInstance("AES/GCM/NoPadding", AES_GCM);
        key = new RawKey("AES", messageKey.clone());
        params = new GCMParameterSpec(TAG_SIZE * 8, nonce);
      }
      case CHACHA20 -> {
        // RFC 8439 ChaCha20-Poly1305 with a 12-byte nonce, as KES uses it (not XChaCha20).
        c = Cipher.getInstance("ChaCha20-Poly1305", CHACHA20);
        key = new RawKey("ChaCha20", messageKey.clone());
        params = new IvParameterSpec(nonce);
      }
      default -> throw new AssertionError(type);
    }
    try {
      c.init(mode, key, params);
    } finally {
      key.destroy();
    }
    if (ad != null && ad.length > 0) {
      c.updateAAD(ad);
    }
    return c;
  }
}
