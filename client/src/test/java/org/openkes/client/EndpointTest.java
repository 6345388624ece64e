package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void addsHttpsAndKeepsThePort() {
    assertThat(Endpoint.parse("127.0.0.1:7373").uri()).isEqualTo(URI.create("https://127.0.0.1:7373"));
    assertThat(Endpoint.parse("kes.example.net").uri()).isEqualTo(URI.create("https://kes.example.net"));
  }

  @Test
  void trimsAndReplacesHttpLikeTheCli() {
    assertThat(Endpoint.parse("  http://10.0.0.1:7373 ").uri()).isEqualTo(URI.create("https://10.0.0.1:7373"));
    assertThat(Endpoint.parse("https://kes:7373/").uri()).isEqualTo(URI.create("https://kes:7373"));
  }

  @Test
  void keepsABasePathAndIpv6Hosts() {
    assertThat(Endpoint.parse("https://proxy/kes").resolve("/v1/status"))
        .isEqualTo(URI.create("https://proxy/kes/v1/status"));
    Endpoint v6 = Endpoint.parse("[::1]:7373");
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.resolve("/version")).isEqualTo(URI.create("https://[::1]:7373/version"));
  }

  @Test
  void parsesCommaSeparatedLists() {
    assertThat(Endpoint.parseList("127.0.0.1:7373, kes-2:7373,http://kes-3"))
        .extracting(Endpoint::toString)
        .containsExactly("https://127.0.0.1:7373", "https://kes-2:7373", "https://kes-3");
  }

  @Test
  void rejectsEmptyEntriesAndNonsense() {
    assertThatThrownBy(() -> Endpoint.parseList("a:1,,b:2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty entry in the KES endpoint list 'a:1,,b:2'");
    assertThatThrownBy(() -> Endpoint.parse("kes:7373?x=1"))
        .hasMessageContaining("invalid KES endpoint 'kes:7373?x=1'");
    assertThatThrownBy(() -> Endpoint.parse("")).hasMessageContaining("invalid KES endpoint ''");
    assertThatThrownBy(() -> Endpoint.parse("ftp://x")).hasMessageContaining("invalid KES endpoint");
  }

  @Test
  void sameOriginComparesSchemeHostAndEffectivePort() {
    Endpoint e = Endpoint.parse("kes:443");
    assertThat(e.sameOrigin(URI.create("https://KES/v1/key/list/"))).isTrue();
    assertThat(e.sameOrigin(URI.create("https://kes:7373/"))).isFalse();
    assertThat(e.sameOrigin(URI.create("http://kes:443/"))).isFalse();
    assertThat(List.of(e)).hasSize(1);
  }
}
