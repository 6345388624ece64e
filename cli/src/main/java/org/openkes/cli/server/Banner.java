package org.openkes.cli.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.openkes.core.config.LogLevel;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;

/**
 * The startup banner of {@code kes server} (kes-compat.md §4.9): version, keystore, the https
 * endpoints, admin and log targets. With {@code --dev} it also shows the admin API key, which is
 * the only way to learn it (it is never logged).
 */
record Banner(
    String version,
    String commit,
    String keystore,
    List<InetAddress> ips,
    int port,
    Optional<ApiKey> apiKey,
    Identity admin,
    LogLevel errorLevel,
    LogLevel auditLevel) {

  private static final String INDENT = "            ";

  String render() {
    StringBuilder sb = new StringBuilder();
    line(sb, "Version", pad(version, 24) + "commit=" + commit);
    line(sb, "Runtime", pad("Java " + Runtime.version().feature() + " " + os() + "/" + arch(), 24)
        + "vendor=" + System.getProperty("java.vendor", "unknown"));
    line(sb, "License", pad("AGPLv3", 24) + "https://www.gnu.org/licenses/agpl-3.0.html");
    sb.append('\n');
    line(sb, "KMS", keystore);
    for (int i = 0; i < ips.size(); i++) {
      String endpoint = "· https://" + hostPort(ips.get(i), port);
      if (i == 0) {
        line(sb, "API", endpoint);
      } else {
        sb.append(INDENT).append(endpoint).append('\n');
      }
    }
    sb.append('\n');
    line(sb, "Docs", "docs/config.md, docs/cli.md (KES: https://min.io/docs/kes)");
    sb.append('\n');
    apiKey.ifPresent(k -> line(sb, "API Key", k.reveal()));
    line(sb, "Admin", isHex(admin.value()) ? admin.value() : "<disabled>");
    line(sb, "Logs", "error=stderr level=" + errorLevel);
    if (auditLevel.compareTo(LogLevel.INFO) <= 0) {
      sb.append(INDENT).append("audit=stdout level=").append(auditLevel).append('\n');
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append(pad(label, INDENT.length())).append(value).append('\n');
  }

  private static String pad(String s, int width) {
    StringBuilder sb = new StringBuilder(s);
    while (sb.length() < width) {
      sb.append(' ');
    }
    if (sb.length() == s.length()) {
      sb.append(' ');
    }
    return sb.toString();
  }

  /** Go's {@code net.JoinHostPort} with the IP printed as Go does. */
  static String hostPort(InetAddress ip, int port) {
    String host = ip.getHostAddress();
    if (ip instanceof Inet6Address) {
      int pct = host.indexOf('%');
      host = "[" + (pct >= 0 ? host.substring(0, pct) : host) + "]";
    }
    return host + ":" + port;
  }

  /** KES prints the admin only if it decodes as hex (else {@code <disabled>}). */
  static boolean isHex(String s) {
    if (s.length() % 2 != 0) {
      return false;
    }
    try {
      HexFormat.of().parseHex(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String os() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    return os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os;
  }

  private static String arch() {
    String a = System.getProperty("os.arch", "");
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> a;
    };
  }
}
