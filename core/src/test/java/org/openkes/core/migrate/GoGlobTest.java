package org.openkes.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoGlobTest {
  // Cases from Go's path/filepath match_test.go that apply to key names.
  @ParameterizedTest
  @CsvSource({
    "abc, abc, true",
    "*, abc, true",
    "*c, abc, true",
    "a*, a, true",
    "a*, abc, true",
    "a*, ab/c, false",
    "a*/b, abc/b, true",
    "a*b*c*d*e*/f, axbxcxdxe/f, true",
    "a*b*c*d*e*/f, axbxcxdxexxx/f, true",
    "a*b*c*d*e*/f, axbxcxdxe/xxx/f, false",
    "a*b?c*x, abxbbxdbxebxczzx, true",
    "a*b?c*x, abxbbxdbxebxczzy, false",
    "ab[c], abc, true",
    "ab[b-d], abc, true",
    "ab[e-g], abc, false",
    "ab[^c], abc, false",
    "ab[^b-d], abc, false",
    "ab[^e-g], abc, true",
    "a\\*b, a*b, true",
    "a\\*b, ab, false",
    "a?b, a☺b, true",
    "a[^a]b, a☺b, true",
    "a???b, a☺b, false",
    "a?b, a/b, false",
    "a*b, a/b, false",
    "[\\]a], ], true",
    "[\\-], -, true",
    "[x\\-], x, true",
    "[x\\-], -, true",
    "[x\\-], z, false",
    "[\\-x], x, true",
    "*x, xxx, true",
    "my-key*, my-key, true",
    "my-key*, my-key-2, true",
    "my-key*, other, false",
    "my-master-key, my-master-key, true",
    "my-master-key, my-master-key2, false",
  })
  void matchesLikeGo(String pattern, String name, boolean expected) {
    assertThat(GoGlob.compile(pattern).matches(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^", "[^bc", "a[", "[a-]"})
  void rejectsBadPatterns(String pattern) {
    assertThatThrownBy(() -> GoGlob.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("syntax error in pattern");
  }

  @ParameterizedTest
  @CsvSource({"my-key*, my-key", "*, ''", "abc, abc", "a\\*b*, a*b", "ab[c]d, ab", "x?, x"})
  void literalPrefix(String pattern, String prefix) {
    assertThat(GoGlob.compile(pattern).literalPrefix()).isEqualTo(prefix);
  }
}
