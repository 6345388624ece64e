package org.openkes.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTest {
  // kes-compat.md §2.5 examples
  @ParameterizedTest
  @CsvSource({
    "/v1/key/generate/my-app*, /v1/key/generate/my-app, true",
    "/v1/key/generate/my-app*, /v1/key/generate/my-app-2, true",
    "/v1/key/generate/my-app*, /v1/key/generate/other, false",
    "/v1/*, /v1/key/create/a, true",
    "/v1/*, /v1/, true",
    "/v1/*, /version, false",
    "/v1/key/*/my-key, /v1/key/*/my-key, true",
    "/v1/key/*/my-key, /v1/key/create/my-key, false",
    "/v1/status, /v1/status, true",
    "/v1/status, /v1/status/, false",
    "/v1/key/list/*, /v1/key/list/, true",
    "/v1/key/list/*, /v1/key/list/*, true",
    "/v1/key/?, /v1/key/a, false",
    "/v1/key/[a], /v1/key/a, false",
    "*, /anything, true",
  })
  void matchesOnlyATrailingStar(String pattern, String path, boolean expected) {
    assertThat(Policy.matches(pattern, path)).isEqualTo(expected);
  }

  @Test
  void emptyPatternMatchesNothing() {
    assertThat(Policy.matches("", "")).isFalse();
    assertThat(Policy.matches("", "/v1/status")).isFalse();
  }

  @Test
  void denyWinsOverAllow() {
    Policy p = Policy.of("app", Set.of("/v1/key/*"), Set.of("/v1/key/delete/*"));
    assertThat(p.allows("/v1/key/generate/k")).isTrue();
    assertThat(p.allows("/v1/key/delete/k")).isFalse();
    assertThat(p.allows("/v1/status")).isFalse();
  }

  @Test
  void emptyPolicyAllowsNothing() {
    Policy p = Policy.of("none", Set.of(), Set.of());
    assertThat(p.allows("/v1/status")).isFalse();
    assertThat(p.allows("")).isFalse();
  }
}
