package org.openkes.core.keystore.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openkes.core.keystore.KeyStoreContract;
import org.openkes.core.keystore.KeyStoreException;

/**
 * A separate JVM that works on an fs keystore, so tests can race processes and kill one with
 * SIGKILL. {@code create NAME SEED}: exit 0 if created, {@link #EXIT_EXISTS} if taken.
 * {@code fill COUNT _}: creates {@code fill-0 .. fill-COUNT} until killed.
 */
public final class FsChild {
  private FsChild() {}

  static final int EXIT_EXISTS = 3;

  public static void main(String[] args) throws Exception {
    FsKeyStore store = FsKeyStore.open(Path.of(args[0]));
    switch (args[1]) {
      case "create" -> {
        try {
          store.create(args[2], KeyStoreContract.value(Integer.parseInt(args[3])));
          System.exit(0);
        } catch (KeyStoreException.KeyExists e) {
          System.exit(EXIT_EXISTS);
        }
      }
      case "fill" -> {
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
          store.create("fill-" + i, KeyStoreContract.value(i));
        }
      }
      default -> System.exit(2);
    }
  }

  static Process start(Path dir, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        FsChild.class.getName(), dir.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}
