package org.openkes.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.openkes.cli.client.ClientContext;
import org.openkes.cli.client.LogCommand;
import org.openkes.cli.client.LsCommand;
import org.openkes.cli.client.StatusCommand;
import org.openkes.cli.identity.IdentityCommand;
import org.openkes.cli.key.KeyCommand;
import org.openkes.cli.metric.MetricCommand;
import org.openkes.cli.migrate.MigrateCommand;
import org.openkes.cli.policy.PolicyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kes}: the root command. */
@Command(
    name = "kes",
    mixinStandardHelpOptions = true,
    versionProvider = KesCommand.Version.class,
    description = "A KES-compatible key-management server and its command line.",
    footer = {
      "",
      "Examples:",
      "  kes server --dev                      a development server (in-memory keystore)",
      "  kes migrate --from a.yml --to b.yml   copy master keys between keystores",
      "  kes key create my-key                 with KES_SERVER and KES_API_KEY set",
      "  kes --version",
      "",
      "Exit codes: 0 success, 1 error, 2 usage error."
    })
public final class KesCommand implements Runnable {
  /** The commands under {@code kes}, in the order its help lists them. */
  public static final List<Subcommand> SUBCOMMANDS = List.of(
      Subcommand.of("server", ServerCommand.class),
      Subcommand.of("identity", IdentityCommand.class, IdentityCommand.SUBCOMMANDS),
      Subcommand.of("migrate", MigrateCommand.class),
      Subcommand.of("key", KeyCommand.class, KeyCommand.SUBCOMMANDS),
      Subcommand.of("ls", LsCommand.class),
      Subcommand.of("policy", PolicyCommand.class, PolicyCommand.SUBCOMMANDS),
      Subcommand.of("log", LogCommand.class),
      Subcommand.of("status", StatusCommand.class),
      Subcommand.of("metric", MetricCommand.class),
      Subcommand.of("update", UpdateCommand.class),
      Subcommand.of("completion", CompletionCommand.class));

  /** Columns of every usage message; the widest examples in the footers need 100. */
  public static final int USAGE_WIDTH = 100;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // `kes` alone prints usage, exit 2 as real KES does.
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** The whole command tree with our error and exit-code conventions. */
  public static CommandLine commandLine() {
    return commandLine(ClientContext.system());
  }

  /**
   * The whole command tree, whose server commands use this terminal and environment; its usage
   * and error messages go to the context's stderr.
   */
  public static CommandLine commandLine(ClientContext context) {
    return commandLine(context, List.of());
  }

  /**
   * The command tree as far as {@code args} need it: for {@code kes key ls} only {@code kes key}
   * and its {@code ls} (see {@link CommandTree}).
   */
  public static CommandLine commandLineFor(ClientContext context, String... args) {
    return commandLine(context, List.of(args));
  }

  private static CommandLine commandLine(ClientContext context, List<String> args) {
    CommandLine cl = new CommandLine(new KesCommand(), new CommandFactory(context));
    CommandTree.add(cl, SUBCOMMANDS, args);
    // A fixed width, so that help looks the same on every terminal (and matches the golden files
    // of GoldenHelpTest). Applies to the subcommands registered so far, hence after them.
    cl.setUsageHelpWidth(USAGE_WIDTH);
    cl.setOut(new PrintWriter(context.terminal().out(), true));
    cl.setErr(new PrintWriter(context.terminal().err(), true));
    cl.setExitCodeExceptionMapper(t -> 1);
    cl.setParameterExceptionHandler(
        (ex, unused) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          if (!"missing command".equals(ex.getMessage())) {
            err.println("Error: " + ex.getMessage() + ". See '"
                + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
          }
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("Error: " + ex.getMessage());
          return 1;
        });
    return cl;
  }

  /** The version comes from the build (filtered version.properties). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "Version  " + version(),
        "Runtime  Java " + Runtime.version() + " " + System.getProperty("os.name").toLowerCase()
            + "/" + System.getProperty("os.arch"),
        "License  AGPLv3 (compatible successor of MinIO KES)",
      };
    }
  }

  /** The product version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = KesCommand.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "<unknown>");
  }
}
