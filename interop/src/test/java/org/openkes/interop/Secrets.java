package org.openkes.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;

/**
 * Assertions on key material that never print it: a failure shows only lengths. (AssertJ would
 * print both arrays in full.)
 */
final class Secrets {
  private Secrets() {}

  static void assertSame(String what, byte[] expected, byte[] actual) {
    assertThat(MessageDigest.isEqual(expected, actual))
        .as("%s: %d bytes expected, %d bytes got, contents differ (not shown)", what, expected.length, actual.length)
        .isTrue();
  }

  static void assertDifferent(String what, byte[] a, byte[] b) {
    assertThat(MessageDigest.isEqual(a, b)).as("%s must differ (contents not shown)", what).isFalse();
  }
}
