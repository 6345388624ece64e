package org.openkes.cli.client;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import org.openkes.cli.Terminal;
import org.openkes.cli.identity.PasswordReader;
import org.openkes.client.ClientConfigurationException;
import org.openkes.client.ClientEnvironment;
import org.openkes.client.KesClient;
import org.openkes.client.Transport;
import org.openkes.core.tls.CurveProvider;
import org.openkes.core.tls.CurveProvider.Curve;

/**
 * What every command that talks to a server needs from the outside world: where output goes,
 * the environment variables it reads its connection from (kes-compat.md §8.2) and how to ask for
 * a private key's password. Tests pass their own instead of touching the process.
 *
 * @param terminal stdout/stderr and whether they are terminals
 * @param env the environment variables ({@code KES_SERVER}, {@code KES_API_KEY}, ...)
 * @param passwords asks for the password of an encrypted private key file
 */
public record ClientContext(Terminal terminal, Map<String, String> env, PasswordReader passwords) {
  public ClientContext {
    Objects.requireNonNull(terminal, "terminal");
    env = Map.copyOf(env);
    Objects.requireNonNull(passwords, "passwords");
  }

  /** The process's terminal, environment and console. */
  public static ClientContext system() {
    return new ClientContext(Terminal.system(), System.getenv(), PasswordReader.console());
  }

  /**
   * A client configured as real KES's CLI configures its SDK client (endpoints, credentials,
   * trust, retries), but for the protocol: HTTP/1.1 where the SDK attempts HTTP/2. Its
   * handshake's key shares and the server's P-256 signature go to {@link CurveProvider}: the
   * JDK's first P-256 key share alone took about 150 ms of every command's start-up
   * (docs/performance.md). Not its Ed25519 signature: the JDK makes that one in a few
   * milliseconds, and BouncyCastle's would start its registrar and with it the JDK's logging
   * (50 ms, see {@code P256}). Blocking HTTP/1.1 sockets rather than the JDK's HttpClient, whose
   * selector thread and HTTP/2 set-up a command making a call or two pays for and never uses:
   * 50-80 ms (docs/performance.md).
   */
  public KesClient connect(ClientEnvironment.Flags flags) throws ClientConfigurationException {
    CurveProvider.install(EnumSet.of(Curve.X25519, Curve.P256));
    return ClientEnvironment.configure(env, flags, () -> {
      char[] p = passwords.read("Enter password for private key: ");
      if (p == null) {
        throw new IOException("the private key is encrypted and there is no terminal to ask for its password");
      }
      return p;
    }).transport(Transport.BLOCKING_HTTP1).build();
  }
}
