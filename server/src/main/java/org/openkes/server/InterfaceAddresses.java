package org.openkes.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The IPs a listener is reachable on (KES's {@code lookupInterfaceIPs}): the listen IP itself,
 * or for the wildcard every address of every interface that is up, without link-local and
 * multicast ones, IPv4 preferred. The banner shows them; {@code --dev} puts them into its
 * certificate.
 */
public final class InterfaceAddresses {
  private InterfaceAddresses() {}

  public static List<InetAddress> of(InetAddress listenIp) throws ServerException {
    if (!listenIp.isAnyLocalAddress()) {
      return List.of(listenIp);
    }
    List<InetAddress> v4 = new ArrayList<>();
    List<InetAddress> v6 = new ArrayList<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a.isLinkLocalAddress() || a.isMulticastAddress()) {
            continue;
          }
          List<InetAddress> bucket = a instanceof Inet4Address ? v4 : v6;
          if (!bucket.contains(a)) {
            bucket.add(a);
          }
        }
      }
    } catch (SocketException e) {
      throw new ServerException("failed to list network interfaces: " + e.getMessage(), e);
    }
    // Loopback first reads best and is what a local user wants to copy.
    v4.sort((x, y) -> Boolean.compare(!x.isLoopbackAddress(), !y.isLoopbackAddress()));
    if (!v4.isEmpty()) {
      return List.copyOf(v4);
    }
    if (!v6.isEmpty()) {
      return List.copyOf(v6);
    }
    throw new ServerException("no IPv4 or IPv6 addresses available");
  }
}
