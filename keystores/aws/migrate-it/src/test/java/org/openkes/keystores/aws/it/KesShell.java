package org.openkes.keystores.aws.it;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A bash in a work directory with a {@code kes} first on the PATH that runs the CLI with the
 * distribution's class path (written by the build to {@code kes.cli.classpath}): commands are
 * typed as a user types them, shell globbing and quoting included.
 */
final class KesShell {
  /** A finished command: its exit code, stdout and stderr interleaved, and how long it ran. */
  record Run(int exit, String output, Duration elapsed) {}

  private final Path work;
  private final Path bin;
  private final Map<String, String> env;

  /**
   * @param work the current directory of every command
   * @param env extra environment of every command (e.g. what a config's {@code ${VAR}} needs)
   */
  KesShell(Path work, Map<String, String> env) throws Exception {
    this.work = work;
    this.env = Map.copyOf(env);
    bin = Files.createDirectory(work.resolve("bin"));
    String classpath = Files.readString(Path.of(System.getProperty("kes.cli.classpath"))).strip();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path kes = bin.resolve("kes");
    Files.writeString(kes, "#!/bin/sh\nexec '" + java + "' -cp '" + classpath + "' org.openkes.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(kes, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  KesShell(Path work) throws Exception {
    this(work, Map.of());
  }

  /** Runs one command line in bash, in the work directory, with our kes first on the PATH. */
  Run run(String commandLine) throws Exception {
    Path out = work.resolve("out.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", commandLine)
        .directory(work.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("'" + commandLine + "' did not finish in 10 minutes");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), elapsed);
  }
}
