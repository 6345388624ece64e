package org.openkes.cli;

import java.util.List;

/**
 * A subcommand as its parent lists it: the names it answers to and its class, with its own
 * subcommands. Parents list their subcommands here rather than in {@code @Command(subcommands
 * = ...)} so that {@link CommandTree} can build only the ones a run names. The names repeat the
 * {@code @Command} annotations (a test holds them together) so that choosing reads no
 * annotation.
 *
 * @param name the name, as in {@code @Command(name = ...)}
 * @param aliases other names, as in {@code @Command(aliases = ...)}
 * @param type the command class
 * @param children its subcommands, in the order its help lists them
 */
public record Subcommand(String name, List<String> aliases, Class<?> type, List<Subcommand> children) {
  public Subcommand {
    aliases = List.copyOf(aliases);
    children = List.copyOf(children);
  }

  /** A subcommand without aliases or subcommands of its own. */
  public static Subcommand of(String name, Class<?> type) {
    return new Subcommand(name, List.of(), type, List.of());
  }

  /** A subcommand with subcommands of its own. */
  public static Subcommand of(String name, Class<?> type, List<Subcommand> children) {
    return new Subcommand(name, List.of(), type, children);
  }

  boolean answersTo(String arg) {
    return name.equals(arg) || aliases.contains(arg);
  }
}
