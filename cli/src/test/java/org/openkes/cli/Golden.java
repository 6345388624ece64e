package org.openkes.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Golden files: expected outputs kept under {@code cli/src/test/resources/golden/}, compared
 * byte for byte. After an intended change, regenerate them and review the diff in git:
 *
 * <pre>
 * mvn -B -q verify -pl cli -am -Dtest='Golden*' -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true
 * </pre>
 *
 * <p>Files are read from and written to the source tree (Maven runs tests in the module
 * directory), not the copy on the class path, so that an update is seen at once.
 */
public final class Golden {
  /** {@code -Dgolden.update=true}: write the actual outputs instead of comparing. */
  public static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  /** Compares {@code actual} with the golden file {@code name} (a path under golden/). */
  public static void assertMatches(String name, String actual) {
    Path file = ROOT.resolve(name);
    try {
      if (UPDATE) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual);
        return;
      }
      if (!Files.exists(file)) {
        fail("missing golden file %s; create it with -Dgolden.update=true", file);
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        fail("%s differs (- golden, + actual); if the change is intended, run with "
            + "-Dgolden.update=true and review the diff:%n%s", file, LineDiff.of(expected, actual));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails on golden files in {@code dir} that no test wrote (a removed command, say); with
   * {@code -Dgolden.update=true} deletes them instead.
   */
  public static void assertNoStaleFiles(String dir, Set<String> expectedNames) {
    List<Path> stale = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
      files.filter(f -> !expectedNames.contains(f.getFileName().toString())).forEach(stale::add);
      if (UPDATE) {
        for (Path f : stale) {
          Files.delete(f);
        }
      } else if (!stale.isEmpty()) {
        fail("golden files without a test: %s; remove them or run with -Dgolden.update=true", stale);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
