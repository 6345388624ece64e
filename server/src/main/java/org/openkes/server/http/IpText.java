package org.openkes.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Client IPs as Go's {@code netip.Addr.String()} writes them ({@code ::1}, not {@code 0:0:...:1}). */
final class IpText {
  private IpText() {}

  static String of(SocketAddress address) {
    if (address instanceof InetSocketAddress isa && isa.getAddress() != null) {
      return of(isa.getAddress());
    }
    return "";
  }

  static String of(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
    }
    boolean v4mapped = words[0] == 0 && words[1] == 0 && words[2] == 0 && words[3] == 0
        && words[4] == 0 && words[5] == 0xffff;
    if (v4mapped) {
      return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "."
          + (b[15] & 0xff);
    }
    // RFC 5952: the longest run (>= 2) of zero words becomes "::", the first one on a tie.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(words[i]));
    }
    String zone = ((Inet6Address) a).getScopeId() != 0
        ? "%" + ((Inet6Address) a).getScopeId() : "";
    return sb + zone;
  }
}
