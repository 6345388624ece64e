package org.openkes.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kes completion bash|zsh}: a completion script generated from the command tree, so it
 * can never fall behind the commands and flags.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a shell completion script for bash or zsh.",
    footer = {
      "",
      "Examples:",
      "  source <(kes completion bash)                     in ~/.bashrc",
      "  source <(kes completion zsh)                      in ~/.zshrc",
    })
final class CompletionCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  String shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("kes", KesCommand.commandLine());
    switch (shell) {
      case "bash" -> System.out.print(script);
      case "zsh" -> System.out.print("autoload -U +X compinit && compinit\n"
          + "autoload -U +X bashcompinit && bashcompinit\n" + script);
      default -> {
        System.err.println("Error: unsupported shell '" + shell + "': use bash or zsh. See 'kes completion --help'");
        return 2;
      }
    }
    return 0;
  }
}
