package org.openkes.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real KES v0.24.0 binary: the compatibility peer of these tests. Found at {@code
 * $KES_BINARY}, else where {@code scripts/install-kes.sh} caches it. When it is missing the tests
 * are skipped with a one-line hint — unless {@code CI=true}, where a missing peer is a failure,
 * not a reason to pass quietly.
 */
final class KesBinary {
  static final String VERSION = "v0.24.0";

  private final Path path;

  private KesBinary(Path path) {
    this.path = path;
  }

  /** The binary, or a skipped (locally) / failed (CI) test. */
  static KesBinary require() {
    Path p = expectedPath();
    if (Files.isExecutable(p)) {
      return new KesBinary(p);
    }
    if (isCi()) {
      fail(missingMessage() + " -- required when CI=true");
    }
    Assumptions.abort(missingMessage());
    throw new AssertionError("unreachable");
  }

  static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** The one-line reason for skipping. */
  static String missingMessage() {
    return "real KES " + VERSION + " not found at " + expectedPath()
        + " (scripts/install-kes.sh installs it; or set KES_BINARY)";
  }

  /** {@code $KES_BINARY}, else the cache path of scripts/install-kes.sh. */
  static Path expectedPath() {
    String explicit = System.getenv("KES_BINARY");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String cache = System.getenv("OPENKES_CACHE");
    if (cache == null || cache.isBlank()) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
      cache = base.resolve("openkes").toString();
    }
    String version = System.getenv().getOrDefault("KES_VERSION", VERSION);
    return Path.of(cache, "kes-" + version, "kes");
  }

  Path path() {
    return path;
  }

  /** What a CLI run printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {
    /** The trimmed stdout, failing with stderr when the command failed. */
    String ok() {
      if (exitCode != 0) {
        throw new AssertionError("kes exited with " + exitCode + ": " + stderr.strip());
      }
      return stdout.strip();
    }
  }

  /**
   * Runs {@code kes <args>} with stdout and stderr captured (so not a terminal: the CLI prints
   * its machine formats), an environment without any KES or MinIO client settings, in {@code dir}.
   */
  Result run(Path dir, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(path.toString());
    cmd.addAll(args);
    return exec(cmd, dir, Map.of());
  }

  /**
   * Runs a command to completion with stdout and stderr captured, no input, in {@code dir}, in an
   * environment cleaned of KES and MinIO settings and then given {@code env}.
   */
  static Result exec(List<String> command, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    cleanEnvironment(pb.environment());
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "kes-out", ".txt");
    Path err = Files.createTempFile(dir, "kes-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process p = pb.start();
    if (!p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
    }
    try {
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  Result run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, List.of(args));
  }

  /** Removes the variables through which a developer's own KES setup would leak into a test. */
  static void cleanEnvironment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("KES_") || k.startsWith("MINIO_"));
  }
}
