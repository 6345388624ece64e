package org.openkes.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Our {@code kes} as a separate process: the CLI's main class on this test's class path. */
final class OurKes {
  private OurKes() {}

  static List<String> command() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(java, "-cp", System.getProperty("java.class.path"), "org.openkes.cli.Main");
  }

  /**
   * Runs our {@code kes <args>} as a client would: output captured (not a terminal), in {@code dir},
   * with only {@code env} as KES settings.
   */
  static KesBinary.Result run(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(command());
    cmd.add(1, "-XX:TieredStopAtLevel=1"); // C1 only, as ./kes runs client commands: starts faster
    cmd.addAll(List.of(args));
    return KesBinary.exec(cmd, dir, env);
  }

  /** Runs {@code kes <args>} to completion; returns its exit code, output in {@code log}. */
  static int run(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(command());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("kes " + String.join(" ", args) + " did not finish");
    }
    return p.exitValue();
  }
}
