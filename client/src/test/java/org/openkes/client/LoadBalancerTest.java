package org.openkes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SDK's load balancing and parking, with scripted endpoints and a clock that only moves when
 * told to: nothing here sleeps or depends on timing.
 */
class LoadBalancerTest {
  private final TestClock clock = new TestClock();
  private final List<String> calls = new ArrayList<>();
  private final Map<String, Integer> statusOf = new HashMap<>(); // -1: connection refused

  private LoadBalancer balancer(String... endpoints) {
    List<Endpoint> list = new ArrayList<>();
    for (String e : endpoints) {
      list.add(Endpoint.parse(e));
    }
    // A "random" start of 0: each round tries endpoints[1], endpoints[2], ..., endpoints[0].
    return new LoadBalancer(list, LocalityTest.NETWORK, clock, () -> 0L);
  }

  private Exchange attempt(Endpoint e) throws KesException {
    String host = e.uri().getAuthority();
    calls.add(host);
    int status = statusOf.getOrDefault(host, 200);
    if (status < 0) {
      throw TransportErrors.classify(e, new ConnectException("Connection refused"));
    }
    return Exchanges.of(e, status, "text/plain", host);
  }

  private String send(LoadBalancer lb) throws KesException {
    calls.clear();
    try (Exchange e = lb.send(this::attempt)) {
      return e.readText(1024) + " " + e.status();
    }
  }

  @Test
  void ordersThisHostThenTheLocalNetworkThenTheRest() {
    LoadBalancer lb = balancer("10.2.0.1:1", "10.1.0.9:2", "10.2.0.2:3", "127.0.0.1:4");
    assertThat(lb.endpoints()).extracting(Endpoint::toString)
        .containsExactly("https://127.0.0.1:4", "https://10.1.0.9:2", "https://10.2.0.1:1", "https://10.2.0.2:3");
  }

  @Test
  void aLocalhostEndpointIsPreferred() throws Exception {
    LoadBalancer lb = balancer("10.2.0.1:1", "127.0.0.1:2");
    for (int i = 0; i < 5; i++) {
      assertThat(send(lb)).isEqualTo("127.0.0.1:2 200");
      assertThat(calls).containsExactly("127.0.0.1:2");
    }
  }

  @Test
  void aFailingEndpointIsParkedFor30sThenProbedOnce() throws Exception {
    LoadBalancer lb = balancer("127.0.0.1:1", "10.2.0.1:2");
    statusOf.put("127.0.0.1:1", -1);

    assertThat(send(lb)).isEqualTo("10.2.0.1:2 200");
    assertThat(calls).startsWith("127.0.0.1:1").contains("10.2.0.1:2");
    assertThat(lb.isParked(Endpoint.parse("127.0.0.1:1"))).isTrue();

    clock.advance(Duration.ofSeconds(29));
    send(lb);
    assertThat(calls).containsExactly("10.2.0.1:2"); // parked: not even tried

    clock.advance(Duration.ofSeconds(1));
    statusOf.remove("127.0.0.1:1"); // it came back
    assertThat(send(lb)).isEqualTo("127.0.0.1:1 200"); // the probe
    assertThat(lb.isParked(Endpoint.parse("127.0.0.1:1"))).isFalse();
    send(lb);
    assertThat(calls).containsExactly("127.0.0.1:1");
  }

  @Test
  void aFailedProbeParksAgainFromThen() throws Exception {
    LoadBalancer lb = balancer("127.0.0.1:1", "10.2.0.1:2");
    statusOf.put("127.0.0.1:1", 502);
    send(lb);
    clock.advance(Duration.ofSeconds(31));
    send(lb); // probe fails: parked again from now
    assertThat(calls).startsWith("127.0.0.1:1");
    clock.advance(Duration.ofSeconds(29));
    send(lb);
    assertThat(calls).containsExactly("10.2.0.1:2");
  }

  @Test
  void serverFailuresParkButNotImplementedDoesNot() throws Exception {
    LoadBalancer lb = balancer("10.2.0.1:1", "10.2.0.2:2");
    statusOf.put("10.2.0.1:1", 501);
    statusOf.put("10.2.0.2:2", 500);
    assertThat(send(lb)).isEqualTo("10.2.0.1:1 501"); // an answer like any 4xx
    assertThat(calls).containsExactly("10.2.0.2:2", "10.2.0.1:1");
    assertThat(lb.isParked(Endpoint.parse("10.2.0.2:2"))).isTrue();
    assertThat(lb.isParked(Endpoint.parse("10.2.0.1:1"))).isFalse();
    send(lb);
    assertThat(calls).containsExactly("10.2.0.1:1");
  }

  @Test
  void whenAllFailTheLastOutcomeIsReturned() throws Exception {
    LoadBalancer lb = balancer("10.2.0.1:1", "10.2.0.2:2");
    statusOf.put("10.2.0.1:1", 503);
    statusOf.put("10.2.0.2:2", 503);
    assertThat(send(lb)).isEqualTo("10.2.0.1:1 503"); // the last one tried
    assertThat(calls).containsExactly("10.2.0.2:2", "10.2.0.1:1");

    statusOf.put("10.2.0.1:1", -1);
    statusOf.put("10.2.0.2:2", -1);
    clock.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> send(lb))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("connection refused");
  }

  @Test
  void whenEveryEndpointIsParkedAllAreTriedAnyway() throws Exception {
    LoadBalancer lb = balancer("10.2.0.1:1", "10.2.0.2:2");
    statusOf.put("10.2.0.1:1", -1);
    statusOf.put("10.2.0.2:2", -1);
    assertThatThrownBy(() -> send(lb)).isInstanceOf(TransportException.class);
    statusOf.clear();
    clock.advance(Duration.ofSeconds(5)); // both still parked
    assertThat(send(lb)).isEqualTo("10.2.0.2:2 200"); // the SDK's "full retry"
    assertThat(calls).containsExactly("10.2.0.2:2");
    assertThat(lb.isParked(Endpoint.parse("10.2.0.2:2"))).isFalse(); // success clears it
    assertThat(lb.isParked(Endpoint.parse("10.2.0.1:1"))).isTrue();
  }

  @Test
  void aSingleEndpointIsNeverParked() throws Exception {
    LoadBalancer lb = balancer("10.2.0.1:1");
    statusOf.put("10.2.0.1:1", -1);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> send(lb)).isInstanceOf(TransportException.class);
      assertThat(calls).containsExactly("10.2.0.1:1");
    }
    assertThat(lb.isParked(Endpoint.parse("10.2.0.1:1"))).isFalse();
  }

  @Test
  void anInterruptedCallerStopsAtOnce() {
    LoadBalancer lb = balancer("10.2.0.1:1", "10.2.0.2:2");
    assertThatThrownBy(() -> lb.send(e -> {
      calls.add(e.toString());
      throw TransportErrors.interrupted(e, new InterruptedException());
    })).isInstanceOf(TransportException.class).hasMessageContaining("interrupted");
    assertThat(calls).hasSize(1);
    assertThat(lb.isParked(lb.endpoints().get(0))).isFalse();
    assertThat(lb.isParked(lb.endpoints().get(1))).isFalse();
  }

  @Test
  void anEmptyListIsRejected() {
    assertThatThrownBy(() -> new LoadBalancer(List.of(), LocalityTest.NETWORK, clock, () -> 0L))
        .hasMessage("kes: no server endpoint");
  }
}
