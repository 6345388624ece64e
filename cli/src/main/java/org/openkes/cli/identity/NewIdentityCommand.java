package org.openkes.cli.identity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openkes.cli.Terminal;
import org.openkes.cli.client.GoJson;
import org.openkes.core.codec.GoDuration;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Pem;
import org.openkes.core.identity.SelfSignedCertificates;
import org.openkes.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kes identity new}: a new API key, and with {@code --key}/{@code --cert} also its
 * private key (PKCS#8, 0600) and a self-signed client/server certificate, as real KES writes them.
 */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Create a new KES identity: an API key, and optionally a private key and certificate file.",
    footer = {
      "",
      "Examples:",
      "  kes identity new",
      "  kes identity new --key client.key --cert client.crt Client-1",
      "  kes identity new --key client.key --cert client.crt --ip 192.168.0.182 --ip 10.0.0.92 Client-1",
      "  kes identity new --key client1.key --cert client1.crt --encrypt --expiry 8760h Client-1",
    })
final class NewIdentityCommand implements Callable<Integer> {
  @ParentCommand IdentityCommand parent;

  @Parameters(arity = "0..*", paramLabel = "<subject>", description = "The certificate's common name (default: the identity).")
  List<String> subject;

  @Option(names = "--key", paramLabel = "PATH", description = "Write the private key (PKCS#8 PEM, mode 0600) here.")
  Path keyPath;

  @Option(names = "--cert", paramLabel = "PATH", description = "Write the self-signed certificate (PEM) here.")
  Path certPath;

  @Option(names = {"-f", "--force"}, description = "Overwrite an existing private key and/or certificate.")
  boolean force;

  @Option(names = "--ip", paramLabel = "IP", description = "Add IP as a subject alternative name (repeatable).")
  List<String> ips = new ArrayList<>();

  @Option(names = "--dns", paramLabel = "DOMAIN", description = "Add DOMAIN as a subject alternative name (repeatable).")
  List<String> domains = new ArrayList<>();

  @Option(names = "--expiry", paramLabel = "DURATION", description = "How long the certificate is valid, e.g. 8760h (default: 720h).")
  String expiry;

  @Option(names = "--encrypt", description = "Encrypt the private key with a password (asked twice).")
  boolean encrypt;

  @Option(names = "--json", description = "Print {\"api_key\", \"identity\"} as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Terminal t = parent == null ? Terminal.system() : parent.terminalForSubcommands();
    PasswordReader passwords = parent == null ? PasswordReader.console() : parent.passwords();
    String usage = usageError();
    if (usage != null) {
      t.err().println("Error: " + usage);
      return 2;
    }
    Duration validity = SelfSignedCertificates.IDENTITY_NEW_DEFAULT_EXPIRY;
    if (expiry != null) {
      try {
        validity = GoDuration.parse(expiry);
      } catch (IllegalArgumentException e) {
        t.err().println("Error: invalid argument \"" + expiry + "\" for \"--expiry\" flag: " + e.getMessage()
            + ". See 'kes identity new --help'");
        return 2;
      }
      if (validity.isNegative() || validity.isZero()) {
        t.err().println("Error: '--expiry' must be positive. See 'kes identity new --help'");
        return 2;
      }
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (String ip : ips) {
      try {
        addresses.add(parseIp(ip));
      } catch (UnknownHostException | IllegalArgumentException e) {
        t.err().println("Error: invalid argument \"" + ip + "\" for \"--ip\" flag: invalid string being converted to IP address"
            + ". See 'kes identity new --help'");
        return 2;
      }
    }

    SecureRandom random = new SecureRandom();
    ApiKey key = ApiKey.generate(random);
    if (keyPath != null) {
      if (!force && Files.exists(keyPath)) {
        t.err().println("Error: private key already exists. Use --force to overwrite it");
        return 1;
      }
      if (!force && Files.exists(certPath)) {
        t.err().println("Error: certificate already exists. Use --force to overwrite it");
        return 1;
      }
      X509Certificate cert = SelfSignedCertificates.forIdentityNew(key,
          subject == null || subject.isEmpty() ? Optional.empty() : Optional.of(subject.get(0)),
          domains, addresses, validity, Instant.now(), random);
      String keyPem;
      byte[] pkcs8 = key.pkcs8();
      try {
        if (encrypt) {
          char[] pw = passwords.read("Enter password for private key: ");
          if (pw == null) {
            t.err().println("Error: --encrypt needs a terminal to read the password from");
            return 1;
          }
          char[] confirm = passwords.read("Confirm password for private key: ");
          if (confirm == null || !Arrays.equals(pw, confirm)) {
            t.err().println("Error: passwords don't match");
            return 1;
          }
          if (pw.length == 0) {
            t.err().println("Error: the password must not be empty");
            return 1;
          }
          keyPem = Pem.encodeEncryptedPkcs8(pkcs8, pw, random);
          Arrays.fill(pw, '\0');
          Arrays.fill(confirm, '\0');
        } else {
          keyPem = Pem.encodePkcs8(pkcs8);
        }
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
      try {
        AtomicFiles.write(keyPath, keyPem.getBytes(StandardCharsets.US_ASCII), AtomicFiles.PRIVATE, force);
      } catch (FileAlreadyExistsException e) {
        t.err().println("Error: private key already exists. Use --force to overwrite it");
        return 1;
      } catch (IOException e) {
        t.err().println("Error: failed to create private key: " + e.getMessage());
        return 1;
      }
      try {
        AtomicFiles.write(certPath, Pem.encodeCertificate(cert).getBytes(StandardCharsets.US_ASCII),
            AtomicFiles.PUBLIC, force);
      } catch (IOException e) {
        try {
          Files.deleteIfExists(keyPath); // as real KES: no key without its certificate
        } catch (IOException ignored) {
          // the error below is what matters
        }
        t.err().println("Error: failed to create certificate: " + e.getMessage());
        return 1;
      }
    }
    if (json) {
      t.out().println(GoJson.compact(GoJson.object().put("api_key", key.reveal()).put("identity", key.identity().value())));
    } else {
      t.out().print(banner(key, keyPath, certPath));
    }
    return 0;
  }

  private String usageError() {
    if (subject != null && subject.size() > 1) {
      return "too many arguments. See 'kes identity new --help'";
    }
    if (keyPath != null && certPath == null) {
      return "private key file specified but no certificate file. Set the '--cert' flag";
    }
    if (keyPath == null && certPath != null) {
      return "certificate file specified but no private key file. Set the '--key' flag";
    }
    if (keyPath == null) {
      String needs = "requires a private key and certificate file. Set the '--cert' and '--key' flag";
      if (encrypt) {
        return "'--encrypt' " + needs;
      }
      if (force) {
        return "'--force' " + needs;
      }
      if (expiry != null) {
        return "'--expiry' " + needs;
      }
      if (!ips.isEmpty()) {
        return "'--ip' " + needs;
      }
      if (!domains.isEmpty()) {
        return "'--dns' " + needs;
      }
    }
    return null;
  }

  /** Only IP literals: never a DNS lookup. */
  private static InetAddress parseIp(String s) throws UnknownHostException {
    if (!s.matches("[0-9.]+") && !s.contains(":")) {
      throw new IllegalArgumentException(s);
    }
    return InetAddress.getByName(s);
  }

  /** Real KES's text after creating an identity. */
  static String banner(ApiKey key, Path keyPath, Path certPath) {
    StringBuilder b = new StringBuilder();
    b.append("Your API key:\n\n   ").append(key.reveal()).append("\n\n");
    b.append("This is the only time it is shown. Keep it secret and secure!\n\n");
    b.append("Your Identity:\n\n   ").append(key.identity().value()).append("\n\n");
    b.append("The identity is not a secret. It can be shared. Any peer\n");
    b.append("needs this identity in order to verify your API key.\n");
    if (keyPath != null) {
      b.append('\n');
      b.append("The generated TLS private key is stored at: ").append(keyPath).append('\n');
      b.append("The generated TLS certificate is stored at: ").append(certPath).append('\n');
    }
    b.append("\nThe identity can be computed again via:\n\n");
    b.append("    kes identity of ").append(key.reveal()).append('\n');
    if (keyPath != null) {
      b.append("    kes identity of ").append(certPath).append('\n');
    }
    return b.toString();
  }
}
