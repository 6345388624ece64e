package org.openkes.client;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * How near an endpoint is, which orders the endpoints for load balancing as the SDK does:
 * servers on this host first, then servers on a directly attached network, then the rest.
 */
enum Locality {
  /** {@code localhost}, {@code 127.0.0.1}, or one of this host's interface addresses. */
  LOCALHOST,
  /** In the network of one of this host's interfaces. */
  LOCAL_NETWORK,
  /** Anywhere else, or unknown. */
  REMOTE;

  static Locality of(Endpoint endpoint, NetworkView network) {
    String host = endpoint.host();
    if (host.equals("localhost") || host.equals("127.0.0.1")) {
      return LOCALHOST; // the SDK's literal check (so ::1 counts only as an interface address)
    }
    Optional<InetAddress> ip = literal(host).or(() -> network.resolve(host));
    if (ip.isEmpty()) {
      return REMOTE;
    }
    List<NetworkView.LocalNetwork> nets = network.localNetworks();
    for (NetworkView.LocalNetwork n : nets) {
      if (n.address().equals(ip.get())) {
        return LOCALHOST;
      }
    }
    for (NetworkView.LocalNetwork n : nets) {
      if (n.contains(ip.get())) {
        return LOCAL_NETWORK;
      }
    }
    return REMOTE;
  }

  /** The address of an IP literal, without a DNS lookup. */
  private static Optional<InetAddress> literal(String host) {
    boolean ipv4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean ipv6 = host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.%]+");
    if (!ipv4 && !ipv6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(host)); // a literal: parsed, never looked up
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }
}
