package org.openkes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.openkes.cli.client.ClientContext;
import picocli.CommandLine;

class KesCommandTest {
  private String out;
  private String err;

  private int run(String... args) {
    CommandLine cl = KesCommand.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    int rc = cl.execute(args);
    out = o.toString();
    err = e.toString();
    return rc;
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out).startsWith("Version  ").contains(KesCommand.version()).contains("Runtime  Java");
    assertThat(KesCommand.version()).doesNotContain("${").isNotEqualTo("<unknown>");
  }

  @Test
  void noCommandIsAUsageErrorExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err).contains("Usage: kes");
  }

  @Test
  void unknownCommandsAndFlagsExitTwoWithOneLine() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err).startsWith("Error: ").contains("frobnicate").doesNotContain("Exception");
    assertThat(run("migrate", "--frobnicate")).isEqualTo(2);
    assertThat(err).contains("--frobnicate").contains("See 'kes migrate --help'");
  }

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String cmd : new String[] {"migrate", "identity"}) {
      assertThat(run(cmd, "--help")).isZero();
      assertThat(out).contains("Usage: kes " + cmd);
    }
    // `kes server --help` prints its usage to stderr and exits 2, exactly as real KES.
    assertThat(run("server", "--help")).isEqualTo(2);
    run("migrate", "--help");
    assertThat(out).contains("Examples:").contains("Exit codes:");
  }

  @Test
  void everyServerCommandAndSubcommandHasExamples() {
    CommandLine kes = KesCommand.commandLine();
    for (String cmd : new String[] {"key", "ls", "policy", "identity", "status", "log", "metric"}) {
      CommandLine c = kes.getSubcommands().get(cmd);
      assertThat(c).as(cmd).isNotNull();
      assertThat(String.join("\n", c.getCommandSpec().usageMessage().footer())).as(cmd).contains("Examples:");
      assertHelpWithExamples(c);
    }
    assertThat(run("key", "list", "--help")).isZero();
    assertThat(out).contains("Usage: kes key ls").contains("Examples:");
  }

  /** Every command and subcommand of the tree, aliases included, has examples in its help. */
  private void assertHelpWithExamples(CommandLine command) {
    for (CommandLine sub : command.getSubcommands().values()) {
      String path = sub.getCommandSpec().qualifiedName();
      assertThat(String.join("\n", sub.getCommandSpec().usageMessage().footer()))
          .as(path).contains("Examples:");
      assertHelpWithExamples(sub);
    }
  }

  @Test
  void theSubcommandTablesNameEachCommandAsItsAnnotationDoes() {
    assertTablesMatchAnnotations(KesCommand.SUBCOMMANDS);
  }

  private static void assertTablesMatchAnnotations(java.util.List<Subcommand> table) {
    for (Subcommand s : table) {
      CommandLine.Command c = s.type().getAnnotation(CommandLine.Command.class);
      assertThat(c.name()).isEqualTo(s.name());
      assertThat(c.aliases()).containsExactlyElementsOf(s.aliases());
      assertThat(c.subcommands()).as("%s lists its subcommands in a table instead", s.name()).isEmpty();
      assertTablesMatchAnnotations(s.children());
    }
  }

  /** Start-up time: a run reflects on the commands it names only (docs/performance.md). */
  @Test
  void aRunBuildsOnlyTheCommandsItNames() {
    ClientContext ctx = ClientContext.system();
    CommandLine keyLs = KesCommand.commandLineFor(ctx, "key", "ls", "-k");
    assertThat(keyLs.getSubcommands().keySet()).containsExactly("key");
    assertThat(keyLs.getSubcommands().get("key").getSubcommands().keySet()).containsExactly("ls", "list");
    CommandLine keyList = KesCommand.commandLineFor(ctx, "key", "list");
    assertThat(keyList.getSubcommands().get("key").getSubcommands().keySet()).containsExactly("ls", "list");
    // A positional argument, not a subcommand: all of identity's subcommands.
    CommandLine identity = KesCommand.commandLineFor(ctx, "identity", "kes:v1:...");
    assertThat(identity.getSubcommands().get("identity").getSubcommands()).hasSize(4);
    int all = KesCommand.SUBCOMMANDS.size();
    assertThat(KesCommand.commandLineFor(ctx, "--help").getSubcommands()).hasSize(all);
    assertThat(KesCommand.commandLineFor(ctx, "frobnicate").getSubcommands()).hasSize(all);
    assertThat(KesCommand.commandLineFor(ctx).getSubcommands()).hasSize(all);
    assertThat(KesCommand.commandLine(ctx).getSubcommands().get("key").getSubcommands()).hasSize(9);
  }

  @Test
  void bashCompletionIsGeneratedFromTheCommandTree(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    String script = picocli.AutoComplete.bash("kes", KesCommand.commandLine());
    java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("kes.bash"), script);
    Process p = new ProcessBuilder("bash", "-c", "source " + file
        + "; COMP_WORDS=(kes mig); COMP_CWORD=1; COMP_LINE='kes mig'; COMP_POINT=7; _picocli_kes;"
        + " echo \"${COMPREPLY[@]}\"").redirectErrorStream(true).start();
    String reply = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor()).isZero();
    assertThat(reply).isEqualTo("migrate");
  }
}
