package org.openkes.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * Registers subcommands with picocli as far as a command line needs them: for {@code kes key ls}
 * only {@code key} and its {@code ls}. Building a command makes picocli reflect on its class,
 * parse its annotations and load the types its options mention, about 15 ms a command on a cold
 * JVM; the whole tree cost more than running most commands (docs/performance.md, "CLI
 * start-up"). Where the arguments name no subcommand ({@code kes}, {@code --help}, a typo, a
 * positional argument), every subcommand below is built, so that usage, errors and completion
 * see them all.
 */
public final class CommandTree {
  private CommandTree() {}

  /** Adds {@code subcommands} (and theirs) to {@code parent}, all of them. */
  public static CommandLine addAll(CommandLine parent, List<Subcommand> subcommands) {
    return add(parent, subcommands, List.of());
  }

  /**
   * Adds the one of {@code subcommands} that {@code args} (what follows {@code parent} on the
   * command line) names, and below it what the rest of {@code args} names; all of them if
   * {@code args} names none.
   */
  public static CommandLine add(CommandLine parent, List<Subcommand> subcommands, List<String> args) {
    Subcommand named = args.isEmpty() ? null : named(subcommands, args.getFirst());
    if (named != null) {
      addOne(parent, named, args.subList(1, args.size()));
    } else {
      for (Subcommand s : subcommands) {
        addOne(parent, s, List.of());
      }
    }
    return parent;
  }

  private static void addOne(CommandLine parent, Subcommand s, List<String> rest) {
    CommandLine child = new CommandLine(s.type(), parent.getFactory());
    add(child, s.children(), rest);
    parent.addSubcommand(s.name(), child); // aliases come from the child's annotation
  }

  private static Subcommand named(List<Subcommand> subcommands, String arg) {
    for (Subcommand s : subcommands) {
      if (s.answersTo(arg)) {
        return s;
      }
    }
    return null;
  }
}
