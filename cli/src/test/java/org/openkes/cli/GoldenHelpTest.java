package org.openkes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openkes.cli.client.ClientContext;
import picocli.CommandLine;

/**
 * The {@code --help} of every command, as a user sees it, against golden/help/ (one file per
 * command, e.g. {@code kes-key-ls.txt}). The commands come from walking the picocli tree, so a
 * new command gets a golden file on the next {@code -Dgolden.update=true} run (see {@link
 * Golden}) and fails until it has one.
 */
class GoldenHelpTest {
  private static final Set<String> WRITTEN = new LinkedHashSet<>();

  @TestFactory
  Stream<DynamicTest> everyCommandsHelp() {
    // picocli would let this property override the width we pin.
    assertThat(System.getProperty("picocli.usage.width")).isNull();
    return commandPaths(KesCommand.commandLine(context(new ByteArrayOutputStream())))
        .stream()
        .map(path -> DynamicTest.dynamicTest(String.join(" ", path) + " --help", () -> {
          String file = String.join("-", path) + ".txt";
          WRITTEN.add(file);
          Golden.assertMatches("help/" + file, help(path));
        }));
  }

  @AfterAll
  static void noGoldenFileForACommandThatIsGone() {
    if (!WRITTEN.isEmpty()) {
      Golden.assertNoStaleFiles("help", WRITTEN);
    }
  }

  /** {@code [kes]}, {@code [kes, key]}, {@code [kes, key, ls]}, ...; aliases only once. */
  private static List<List<String>> commandPaths(CommandLine root) {
    List<List<String>> paths = new ArrayList<>();
    walk(root, List.of("kes"), paths);
    return paths;
  }

  private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
    for (CommandLine sub : command.getSubcommands().values()) {
      if (seen.put(sub, true) == null) {
        List<String> subPath = new ArrayList<>(path);
        subPath.add(sub.getCommandName());
        walk(sub, List.copyOf(subPath), paths);
      }
    }
  }

  /** What {@code kes <path> --help} prints, built the way {@link Main} builds it. */
  private static String help(List<String> path) {
    List<String> args = new ArrayList<>(path.subList(1, path.size()));
    args.add("--help");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = args.toArray(String[]::new);
    CommandLine cl = KesCommand.commandLineFor(context(out, err), argv);
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    int rc = cl.execute(argv);
    return transcript("kes " + String.join(" ", args), rc, out, err);
  }

  /** The command, its exit status when not 0, then stdout and stderr (each only if not empty). */
  private static String transcript(String command, int rc, ByteArrayOutputStream out,
      ByteArrayOutputStream err) {
    StringBuilder t = new StringBuilder("$ " + command + (rc == 0 ? "" : "    # exit " + rc) + "\n");
    String o = out.toString(StandardCharsets.UTF_8);
    String e = err.toString(StandardCharsets.UTF_8);
    if (!o.isEmpty()) {
      t.append(e.isEmpty() ? "" : "--- stdout\n").append(o);
    }
    if (!e.isEmpty()) {
      t.append("--- stderr\n").append(e);
    }
    return t.toString();
  }

  private static ClientContext context(ByteArrayOutputStream out) {
    return context(out, out);
  }

  private static ClientContext context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    Terminal t = new Terminal(false, false, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new ClientContext(t, Map.of(), prompt -> null);
  }
}
