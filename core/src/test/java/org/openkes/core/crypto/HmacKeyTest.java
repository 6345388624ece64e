package org.openkes.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkes.core.crypto.TestData.b64;
import static org.openkes.core.crypto.TestData.utf8;

import org.junit.jupiter.api.Test;

class HmacKeyTest {
  // kes-compat §6.6 [computed] HMAC: key 202122…3f.
  private static final HmacKey KEY = HmacKey.of(b64("ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="));

  @Test
  void helloWorld() {
    assertThat(b64(KEY.mac(utf8("Hello World"))))
        .isEqualTo("z7qwEmYMolZ+4ObWeNpuOTZmFjyazt/txHZcMi1tr48=");
  }

  @Test
  void emptyMessage() {
    assertThat(b64(KEY.mac(new byte[0])))
        .isEqualTo("9JJAt4qpDlP0YQbDSB43fhlpbndzKLHNbsYGGgvYaKk=");
  }

  @Test
  void isDeterministicAndKeyed() {
    byte[] other = KEY.copyOfBytes();
    other[0] ^= 1;
    assertThat(KEY.mac(utf8("m"))).hasSize(32).isEqualTo(KEY.mac(utf8("m")));
    assertThat(HmacKey.of(other).mac(utf8("m"))).isNotEqualTo(KEY.mac(utf8("m")));
  }
}
