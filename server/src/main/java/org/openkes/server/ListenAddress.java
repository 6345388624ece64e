package org.openkes.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The {@code [ip]:port} a server listens on ({@code address} in the config, {@code --addr}),
 * parsed as Go's {@code net.SplitHostPort} and KES's check that the host is an IP literal.
 *
 * @param host the IP as written, {@code ""} for all interfaces
 * @param port 0..65535 (0 = any free port)
 */
public record ListenAddress(String host, int port) {
  /** KES's default, {@code 0.0.0.0:7373}. */
  public static final String DEFAULT = "0.0.0.0:7373";

  public ListenAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
  }

  /**
   * Parses {@code host:port}, {@code [v6]:port} or {@code :port}.
   *
   * @throws ServerException with Go's message, e.g. {@code address 7373: missing port in
   *     address} or {@code 'localhost' is not a valid IP address}
   */
  public static ListenAddress parse(String addr) throws ServerException {
    String host;
    String port;
    int colon = addr.lastIndexOf(':');
    if (colon < 0) {
      throw new ServerException("address " + addr + ": missing port in address");
    }
    if (addr.startsWith("[")) {
      int end = addr.indexOf(']');
      if (end < 0) {
        throw new ServerException("address " + addr + ": missing ']' in address");
      }
      if (end + 1 != colon) {
        throw new ServerException("address " + addr + ": missing port in address");
      }
      host = addr.substring(1, end);
    } else {
      host = addr.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        throw new ServerException("address " + addr + ": too many colons in address");
      }
    }
    port = addr.substring(colon + 1);
    if (!host.isEmpty() && !isIpLiteral(host)) {
      throw new ServerException("'" + host + "' is not a valid IP address");
    }
    int p;
    try {
      p = port.isEmpty() ? 0 : Integer.parseInt(port);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || p > 65535 || !port.chars().allMatch(Character::isDigit)) {
      throw new ServerException("listen tcp: address " + addr + ": invalid port");
    }
    return new ListenAddress(host, p);
  }

  /** The IP to bind; the IPv4 wildcard when the host is empty, as Go's {@code net.IPv4zero}. */
  public InetAddress ip() {
    try {
      return InetAddress.getByName(host.isEmpty() ? "0.0.0.0" : host);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("checked at parse time", e);
    }
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(ip(), port);
  }

  /** Whether the server listens on every interface. */
  public boolean isWildcard() {
    return ip().isAnyLocalAddress();
  }

  private static boolean isIpLiteral(String s) {
    if (s.indexOf('%') >= 0) {
      return false; // zones are not IPs for Go's ParseIP
    }
    if (s.indexOf(':') >= 0) {
      return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
          && parses(s);
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
          || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean parses(String s) {
    try {
      InetAddress.getByName(s); // a literal with only hex digits, ':' and '.' is never resolved
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
