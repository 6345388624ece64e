package org.openkes.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.cli.CommandTree;
import org.openkes.cli.KesCommand;
import org.openkes.cli.Terminal;
import org.openkes.core.identity.ApiKey;
import org.openkes.core.identity.Identity;
import org.openkes.core.identity.Pem;
import picocli.CommandLine;

class IdentityCommandTest {
  // kes-compat.md §3.2
  static final String KEY = "kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw";
  static final String ID = "0426fa9a04bc2756b92fbe8a97e1a1e07b53ecf04ed33da22c33e5c9faeb8cbb";

  @TempDir Path tmp;
  String out;
  String err;
  final Deque<String> passwords = new ArrayDeque<>();

  private int kes(boolean tty, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    Terminal t = new Terminal(tty, tty, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    CommandLine cl = CommandTree.addAll(new CommandLine(new IdentityCommand(t, prompt -> {
      String p = passwords.poll();
      return p == null ? null : p.toCharArray();
    })), IdentityCommand.SUBCOMMANDS);
    cl.setParameterExceptionHandler(KesCommand.commandLine().getParameterExceptionHandler());
    int rc = cl.execute(args);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return rc;
  }

  @Test
  void identityOfAnApiKeyAsRealKesPrintsIt() {
    assertThat(kes(false, "of", KEY)).isZero();
    assertThat(out).isEqualTo(ID); // pipe: bare, no newline
    assertThat(kes(true, "of", KEY)).isZero();
    assertThat(out).isEqualTo("Identity:\n\n   " + ID + "\n".replace("\n", System.lineSeparator()));
    assertThat(kes(false, KEY)).isZero();
    assertThat(out).isEqualTo(ID);
    assertThat(kes(false, KEY.substring("kes:v1:".length()))).isZero(); // bare base64, as real KES
    assertThat(out).isEqualTo(ID);
    assertThat(kes(false, "no-such-file.crt")).isEqualTo(1);
    assertThat(err).contains("neither an API key nor an existing file");
    assertThat(kes(false, "of", "--json", KEY)).isZero();
    assertThat(out.trim()).isEqualTo("{\"identity\":\"" + ID + "\"}");
  }

  @Test
  void newWritesAKeyAndCertificateWhoseIdentityMatches() throws Exception {
    Path key = tmp.resolve("client.key");
    Path crt = tmp.resolve("client.crt");
    assertThat(kes(false, "new", "--key", key.toString(), "--cert", crt.toString(),
        "--ip", "127.0.0.1", "--dns", "client.local", "--expiry", "8760h", "Client-1")).as(err).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
    var cert = Pem.readCertificates(Files.readAllBytes(crt)).get(0);
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Client-1");
    assertThat(cert.getSubjectAlternativeNames()).hasSize(2);
    // The printed API key, the key file and the certificate all have one identity.
    String apiKey = out.lines().filter(l -> l.trim().startsWith("kes:v1:")).findFirst().orElseThrow().trim();
    Identity id = ApiKey.parse(apiKey).identity();
    assertThat(out).contains(id.value()).contains("stored at: " + key);
    assertThat(Identity.ofCertificate(cert)).isEqualTo(id);
    assertThat(kes(false, "of", crt.toString())).isZero();
    assertThat(out).isEqualTo(id.value());
    assertThat(kes(false, key.toString())).isZero(); // the Ed25519 key file gives back the API key
    assertThat(out).isEqualTo(apiKey);
    // Never overwritten without --force.
    assertThat(kes(false, "new", "--key", key.toString(), "--cert", crt.toString())).isEqualTo(1);
    assertThat(err).contains("private key already exists. Use --force to overwrite it");
    assertThat(kes(false, "new", "--key", key.toString(), "--cert", crt.toString(), "--force")).isZero();
  }

  @Test
  void encryptAsksTwiceAndWritesAnRfc1423Key() throws Exception {
    Path key = tmp.resolve("k.key");
    Path crt = tmp.resolve("k.crt");
    passwords.add("pw-1");
    passwords.add("pw-1");
    assertThat(kes(false, "new", "--key", key.toString(), "--cert", crt.toString(), "--encrypt")).as(err).isZero();
    assertThat(Files.readString(key)).contains("Proc-Type: 4,ENCRYPTED").contains("AES-256-CBC");
    assertThat(Pem.readPrivateKey(Files.readAllBytes(key), "pw-1".toCharArray()).getAlgorithm()).isIn("Ed25519", "EdDSA");
    passwords.add("a");
    passwords.add("b");
    assertThat(kes(false, "new", "--key", tmp.resolve("x.key").toString(), "--cert", tmp.resolve("x.crt").toString(),
        "--encrypt")).isEqualTo(1);
    assertThat(err).contains("passwords don't match");
    assertThat(tmp.resolve("x.key")).doesNotExist();
  }

  @Test
  void usageErrorsAreRealKesMessages() {
    assertThat(kes(false, "new", "--ip", "1.2.3.4")).isEqualTo(2);
    assertThat(err).contains("'--ip' requires a private key and certificate file. Set the '--cert' and '--key' flag");
    assertThat(kes(false, "new", "--key", "a.key")).isEqualTo(2);
    assertThat(err).contains("private key file specified but no certificate file. Set the '--cert' flag");
    assertThat(kes(false, "new", "a", "b")).isEqualTo(2);
    assertThat(err).contains("too many arguments");
    assertThat(kes(false, "of")).isEqualTo(2);
    assertThat(err).contains("no API key or certificate specified");
    assertThat(kes(false, "of", "kes:v1:AAAA")).isEqualTo(1);
    assertThat(err).contains("kes: invalid API key");
    assertThat(kes(false, "of", tmp.resolve("missing.crt").toString())).isEqualTo(1);
    assertThat(err).contains("no such file or directory").doesNotContain("Exception");
  }

  @Test
  void bareIdentityPrintsANewApiKey() throws Exception {
    assertThat(kes(false)).isZero();
    ApiKey key = ApiKey.parse(out);
    assertThat(key.identity().value()).hasSize(64);
    assertThat(kes(true)).isZero();
    assertThat(out).contains("Your API key:").contains("Your Identity:");
  }
}
