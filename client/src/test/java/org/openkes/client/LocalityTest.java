package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalityTest {
  /** A host with 10.1.2.3/16 and a resolver that knows two names. */
  static final NetworkView NETWORK = new NetworkView() {
    @Override
    public List<LocalNetwork> localNetworks() {
      return List.of(new LocalNetwork(ip("10.1.2.3"), 16), new LocalNetwork(ip("::1"), 128));
    }

    @Override
    public Optional<InetAddress> resolve(String host) {
      return Optional.ofNullable(Map.of("near.example", ip("10.1.9.9"), "self.example", ip("10.1.2.3")).get(host));
    }
  };

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Locality of(String endpoint) {
    return Locality.of(Endpoint.parse(endpoint), NETWORK);
  }

  @Test
  void classifiesLikeTheSdk() {
    assertThat(of("localhost:7373")).isEqualTo(Locality.LOCALHOST);
    assertThat(of("127.0.0.1:7373")).isEqualTo(Locality.LOCALHOST);
    assertThat(of("10.1.2.3:7373")).isEqualTo(Locality.LOCALHOST); // an interface address
    assertThat(of("[::1]:7373")).isEqualTo(Locality.LOCALHOST);
    assertThat(of("self.example:7373")).isEqualTo(Locality.LOCALHOST);
    assertThat(of("10.1.200.1:7373")).isEqualTo(Locality.LOCAL_NETWORK);
    assertThat(of("near.example")).isEqualTo(Locality.LOCAL_NETWORK);
    assertThat(of("10.2.0.1:7373")).isEqualTo(Locality.REMOTE);
    assertThat(of("unknown.example")).isEqualTo(Locality.REMOTE);
  }

  @Test
  void networksCompareOnlyTheirPrefix() {
    NetworkView.LocalNetwork n = new NetworkView.LocalNetwork(ip("192.168.10.1"), 23);
    assertThat(n.contains(ip("192.168.11.254"))).isTrue();
    assertThat(n.contains(ip("192.168.12.1"))).isFalse();
    assertThat(n.contains(ip("::1"))).isFalse();
  }
}
