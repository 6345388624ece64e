package org.openkes.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkes.core.crypto.TestData.C2;
import static org.openkes.core.crypto.TestData.utf8;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DekTest {
  private static SecretKey key(KeyType type) {
    return SecretKey.of(type, TestData.KB);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void isA32ByteKeySealedIn76Bytes(KeyType type) throws Exception {
    for (byte[] context : new byte[][] {null, new byte[0], C2}) {
      Dek dek = key(type).generateDek(context);
      assertThat(dek.plaintext()).hasSize(32);
      assertThat(dek.ciphertext()).hasSize(76);
      assertThat(key(type).decrypt(dek.ciphertext(), context)).isEqualTo(dek.plaintext());
    }
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void isBoundToItsContext(KeyType type) {
    Dek dek = key(type).generateDek(C2);
    assertThatThrownBy(() -> key(type).decrypt(dek.ciphertext(), utf8("other")))
        .isInstanceOf(DecryptionException.class);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void isFreshEveryTime(KeyType type) {
    Dek a = key(type).generateDek(null);
    Dek b = key(type).generateDek(null);
    assertThat(a.plaintext()).isNotEqualTo(b.plaintext());
    assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
    assertThat(a).isNotEqualTo(b).isEqualTo(a);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void toStringNeverShowsThePlaintext(KeyType type) {
    Dek dek = key(type).generateDek(null);
    byte[] p = dek.plaintext();
    assertThat(dek.toString())
        .contains("redacted")
        .doesNotContain(HexFormat.of().formatHex(p))
        .doesNotContain(HexFormat.of().withUpperCase().formatHex(p))
        .doesNotContain(Base64.getEncoder().encodeToString(p))
        .doesNotContain(java.util.Arrays.toString(p));
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void isImmutable(KeyType type) {
    Dek dek = key(type).generateDek(null);
    byte[] p = dek.plaintext();
    byte[] c = dek.ciphertext();
    dek.plaintext()[0] ^= 1;
    dek.ciphertext()[0] ^= 1;
    assertThat(dek.plaintext()).isEqualTo(p);
    assertThat(dek.ciphertext()).isEqualTo(c);
  }
}
