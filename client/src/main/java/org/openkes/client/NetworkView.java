package org.openkes.client;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What the load balancer needs to know about this host's network to prefer nearby servers:
 * the addresses and networks of its interfaces, and name resolution. Injectable for tests.
 */
public interface NetworkView {
  /** An interface address and its network. */
  record LocalNetwork(InetAddress address, int prefixLength) {
    /** Whether {@code ip} lies in this network (same family, same first prefixLength bits). */
    public boolean contains(InetAddress ip) {
      byte[] a = address.getAddress();
      byte[] b = ip.getAddress();
      if (a.length != b.length) {
        return false;
      }
      int bits = Math.min(prefixLength, a.length * 8);
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >>> (i % 8);
        if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The addresses of this host's interfaces with their networks. */
  List<LocalNetwork> localNetworks();

  /** The first address of {@code host}, if it resolves. */
  Optional<InetAddress> resolve(String host);

  /** The JDK's view: {@link NetworkInterface} and {@link InetAddress#getByName}. */
  NetworkView SYSTEM = new NetworkView() {
    @Override
    public List<LocalNetwork> localNetworks() {
      List<LocalNetwork> out = new ArrayList<>();
      try {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
            out.add(new LocalNetwork(ia.getAddress(), ia.getNetworkPrefixLength()));
          }
        }
      } catch (SocketException e) {
        return List.of(); // as the SDK: without interface data, nothing is "local"
      }
      return out;
    }

    @Override
    public Optional<InetAddress> resolve(String host) {
      try {
        return Optional.of(InetAddress.getByName(host));
      } catch (UnknownHostException | SecurityException e) {
        return Optional.empty();
      }
    }
  };
}
