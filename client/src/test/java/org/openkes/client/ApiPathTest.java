package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiPathTest {
  /** Expected values are what Go's url.PathEscape returns for the same input. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "my-key|my-key",
    "my_key.0~|my_key.0~",
    "*|%2A",
    "my-key*|my-key%2A",
    "a b|a%20b",
    "a/b|a%2Fb",
    "$&+:=@|$&+:=@",
    "a;b,c?d|a%3Bb%2Cc%3Fd",
    "%|%25",
    "☰|%E2%98%B0",
    "Εmacs|%CE%95macs",
  })
  void escapesLikeGo(String in, String out) {
    assertThat(ApiPath.escape(in)).isEqualTo(out);
  }

  @Test
  void anEmptyArgumentDropsTheTrailingSlashLikePathJoin() {
    assertThat(ApiPath.join("/v1/key/list", "")).isEqualTo("/v1/key/list");
    assertThat(ApiPath.join("/v1/key/list", "*")).isEqualTo("/v1/key/list/%2A");
  }

  @Test
  void dotSegmentsAreRefusedRatherThanChangingTheRoute() {
    assertThatThrownBy(() -> ApiPath.join("/v1/key/delete", ".."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'..' is not a valid KES name");
    assertThatThrownBy(() -> ApiPath.join("/v1/key/delete", ".")).isInstanceOf(IllegalArgumentException.class);
  }
}
