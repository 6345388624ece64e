package org.openkes.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openkes.cli.KesCommand;
import org.openkes.cli.Terminal;
import org.openkes.core.key.KeyVersionCodec;
import org.openkes.core.keystore.KeyStoreContract;
import org.openkes.core.keystore.fs.FsKeyStore;
import picocli.CommandLine;

/** {@code kes migrate} end to end: real config files, real fs keystores, real processes. */
@Timeout(600)
class MigrateCommandTest {
  @TempDir Path tmp;
  Path srcDir;
  Path dstDir;
  Path srcYml;
  Path dstYml;
  final Map<String, String> env = new HashMap<>();
  String out;
  String err;

  @BeforeEach
  void configs() throws Exception {
    srcDir = tmp.resolve("src-keys");
    dstDir = tmp.resolve("dst-keys");
    // A full real-KES server config: admin and TLS files that do not exist are fine for migrate.
    srcYml = Files.writeString(tmp.resolve("source.yml"), """
        address: 0.0.0.0:7373
        admin:
          identity: disabled
        tls:
          key: ./private.key
          cert: ./public.crt
        cache:
          expiry:
            any: 5m
        keystore:
          fs:
            path: %s
        """.formatted(srcDir));
    // A file with only the keystore section.
    dstYml = Files.writeString(tmp.resolve("target.yml"), """
        keystore:
          fs:
            path: ${TARGET_DIR}
        """);
    env.put("TARGET_DIR", dstDir.toString());
  }

  private int kes(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    Terminal t = new Terminal(false, false, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8));
    CommandLine migrate = new CommandLine(new MigrateCommand(t, env));
    migrate.setParameterExceptionHandler(KesCommand.commandLine().getParameterExceptionHandler());
    migrate.setErr(new java.io.PrintWriter(e, true, StandardCharsets.UTF_8));
    int rc = migrate.execute(args);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return rc;
  }

  private void fill(Path dir, int n, String prefix) throws Exception {
    FsKeyStore s = FsKeyStore.open(dir);
    for (int i = 0; i < n; i++) {
      s.create(prefix + i, KeyStoreContract.value(i));
    }
  }

  @Test
  void migratesFiveThousandKeysFsToFsAllVerified() throws Exception {
    fill(srcDir, 5_200, "key-");
    int rc = kes("--from", srcYml.toString(), "--target", dstYml.toString(), "--json", "-q");
    assertThat(rc).as(err).isZero();
    JsonNode report = new ObjectMapper().readTree(out);
    assertThat(report.get("succeeded").asBoolean()).isTrue();
    assertThat(report.at("/counts/migrated").asInt()).isEqualTo(5_200);
    FsKeyStore dst = FsKeyStore.open(dstDir);
    assertThat(dst.listAll("")).hasSize(5_200);
    for (int i = 0; i < 5_200; i += 97) {
      assertThat(dst.get("key-" + i)).isEqualTo(KeyStoreContract.value(i));
    }
  }

  @Test
  void patternsSingleKeysAndExitCodes() throws Exception {
    fill(srcDir, 30, "my-key-");
    fill(srcDir, 3, "other-");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "my-key-1*")).isZero();
    assertThat(FsKeyStore.open(dstDir).listAll("")).hasSize(11); // my-key-1, my-key-10..19
    assertThat(out).contains("migrated").contains("11");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "other-2")).isZero();
    assertThat(FsKeyStore.open(dstDir).listAll("other")).containsExactly("other-2");
  }

  @Test
  void conflictIsReportedByNameAndTargetIsUntouched() throws Exception {
    fill(srcDir, 5, "k");
    FsKeyStore.open(dstDir).create("k3", KeyStoreContract.value(99));
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString())).isEqualTo(1);
    assertThat(out).contains("Conflicts:").contains("key \"k3\"");
    assertThat(FsKeyStore.open(dstDir).get("k3")).isEqualTo(KeyStoreContract.value(99));
    // --merge: exit 0, a warning names the key
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "--merge")).isZero();
    assertThat(out).contains("Warnings").contains("k3");
    // --dry-run with --force plans the overwrite but writes nothing
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "--force", "--dry-run")).isZero();
    assertThat(out).contains("overwrite        k3");
    assertThat(FsKeyStore.open(dstDir).get("k3")).isEqualTo(KeyStoreContract.value(99));
  }

  @Test
  void forceWithBackupThenRestore() throws Exception {
    fill(srcDir, 3, "k");
    FsKeyStore.open(dstDir).create("k1", KeyStoreContract.value(99));
    Path backup = tmp.resolve("old.kesbak");
    env.put(MigrateCommand.PASSPHRASE_ENV, "correct horse battery staple");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "--force",
        "--backup", backup.toString())).as(err).isZero();
    assertThat(FsKeyStore.open(dstDir).get("k1")).isEqualTo(KeyStoreContract.value(1));
    assertThat(out).contains("overwritten").contains("--from-backup");

    assertThat(kes("--from-backup", backup.toString(), "--to", dstYml.toString(), "--force")).as(err).isZero();
    assertThat(FsKeyStore.open(dstDir).get("k1")).isEqualTo(KeyStoreContract.value(99));

    env.put(MigrateCommand.PASSPHRASE_ENV, "wrong");
    assertThat(kes("--from-backup", backup.toString(), "--to", dstYml.toString())).isEqualTo(2);
    assertThat(err).contains("wrong passphrase");
  }

  @Test
  void usageAndConfigErrorsExitTwoWithOneClearLine() throws Exception {
    assertThat(kes("--to", dstYml.toString())).isEqualTo(2);
    assertThat(err).isEqualTo("Error: no source specified. Use '--from' flag. See 'kes migrate --help'" + System.lineSeparator());
    assertThat(kes("--from", srcYml.toString())).isEqualTo(2);
    assertThat(err).contains("missing migration target");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "--force", "--merge")).isEqualTo(2);
    assertThat(err).contains("'--force' and '--merge' flags are mutually exclusive");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "a", "b")).isEqualTo(2);
    assertThat(err).contains("too many arguments");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "[x")).isEqualTo(2);
    assertThat(err).contains("syntax error in pattern");
    assertThat(kes("--from", tmp.resolve("missing.yml").toString(), "--to", dstYml.toString())).isEqualTo(2);
    assertThat(err).contains("source config").contains("missing.yml").contains("no such file");
    Path bad = Files.writeString(tmp.resolve("bad.yml"), "keystore:\n  fs:\n    path: \"\"\n");
    assertThat(kes("--from", srcYml.toString(), "--to", bad.toString())).isEqualTo(2);
    assertThat(err).contains("target config").contains("no path specified");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "-s", "kms:7373")).isEqualTo(2);
    assertThat(err).contains("not supported");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "--bogus")).isEqualTo(2);
    assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void preflightFailureNamesTheSideAndFile() throws Exception {
    // The target "directory" is a regular file: the target keystore cannot be opened.
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Files.writeString(dstYml, "keystore:\n  fs:\n    path: " + file + "\n");
    fill(srcDir, 2, "k");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString())).isEqualTo(1);
    assertThat(err).contains("target keystore of " + dstYml).contains("is not a directory");
    assertThat(kes("--from", srcYml.toString(), "--to", srcYml.toString())).isEqualTo(1);
    assertThat(err).contains("same keystore");
  }

  @Test
  void killMinus9MidRunLosesNothingAndAReRunCompletes() throws Exception {
    int n = 20_000;
    fill(srcDir, n, "key-");
    Files.writeString(dstYml, "keystore:\n  fs:\n    path: " + dstDir + "\n");
    Process p = child("--from", srcYml.toString(), "--to", dstYml.toString(), "--parallel", "4", "-q");
    FsKeyStore dst = FsKeyStore.open(dstDir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (dst.listAll("").size() < 500 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    assertThat(p.isAlive()).as("the child was still running when killed").isTrue();
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    List<String> partial = dst.listAll("");
    assertThat(partial.size()).isBetween(500, n - 1);
    for (String name : partial) { // every key that arrived is whole and correct
      assertThat(KeyVersionCodec.decode(dst.get(name)).sameKeyMaterial(
          KeyVersionCodec.decode(KeyStoreContract.value(Integer.parseInt(name.substring(4)))))).isTrue();
    }
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "--json", "-q")).as(err).isZero();
    JsonNode report = new ObjectMapper().readTree(out);
    assertThat(report.at("/counts/already_present").asInt()).isEqualTo(partial.size());
    assertThat(report.at("/counts/migrated").asInt()).isEqualTo(n - partial.size());
    assertThat(dst.listAll("")).hasSize(n);
  }

  @Test
  void sigtermFinishesInFlightKeysAndPrintsTheSummary() throws Exception {
    int n = 20_000;
    fill(srcDir, n, "key-");
    Files.writeString(dstYml, "keystore:\n  fs:\n    path: " + dstDir + "\n");
    Process p = child("--from", srcYml.toString(), "--to", dstYml.toString(), "--parallel", "2");
    FsKeyStore dst = FsKeyStore.open(dstDir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (dst.listAll("").size() < 200 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
    }
    p.toHandle().destroy(); // SIGTERM, without closing our end of its output
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(tmp.resolve("child.out"));
    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("Interrupted").contains("Migration interrupted").contains("not attempted");
    assertThat(kes("--from", srcYml.toString(), "--to", dstYml.toString(), "-q")).as(err).isZero();
    assertThat(dst.listAll("")).hasSize(n);
  }

  private Process child(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "org.openkes.cli.Main", "migrate"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.out").toFile()).start();
  }
}
