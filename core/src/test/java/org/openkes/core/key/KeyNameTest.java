package org.openkes.core.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyNameTest {
  // kes-compat.md §5.7 [repo] examples.
  @ParameterizedTest
  @ValueSource(strings = {"my-key", "abc123", "0", "123ABC321", "_-___---_", "_0", "0-Z", "my_key-0", "__"})
  void validNames(String name) {
    assertThat(KeyName.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "my.key", "key/", "☰", "hel<lo", "Εmacs", "_", "-", "-a", "a-", "a b", "*"})
  void invalidNames(String name) {
    assertThat(KeyName.isValid(name)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void lengthLimitIs80() {
    assertThat(KeyName.isValid("a".repeat(80))).isTrue();
    assertThat(KeyName.isValid("a".repeat(81))).isFalse();
    assertThat(KeyName.isValid(null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"my*", "_-*", "", "*", "a-*", "my-key", "a"})
  void validPatterns(String pattern) {
    assertThat(KeyName.isValidPattern(pattern)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"*-*", "my.key", "key/", "_", "-*", "a-", "a**", "*a"})
  void invalidPatterns(String pattern) {
    assertThat(KeyName.isValidPattern(pattern)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void messagesAreRealKesText() {
    assertThat(KeyName.invalidKeyNameMessage("a.b"))
        .isEqualTo("key name 'a.b' is empty, too long or contains invalid characters");
    assertThat(KeyName.invalidPatternMessage("*-*"))
        .isEqualTo("listing pattern '*-*' is empty, too long or is invalid");
  }
}
