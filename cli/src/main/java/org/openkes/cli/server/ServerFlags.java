package org.openkes.cli.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flags of {@code kes server}, parsed the way real KES's {@code spf13/pflag} does, so that
 * every command line behaves and fails alike (kes-compat.md §4.9): {@code --flag value}, {@code
 * --flag=value}, boolean {@code --dev[=bool]}, {@code -h}/{@code --help}, interspersed
 * positional arguments, {@code --} ends the flags.
 *
 * @param addr {@code --addr}, {@code ""} when not given
 * @param config {@code --config}
 * @param key deprecated {@code --key}
 * @param cert deprecated {@code --cert}
 * @param auth deprecated {@code --auth}
 * @param dev {@code --dev}
 * @param help {@code -h}/{@code --help}
 * @param args positional arguments (none are allowed)
 */
public record ServerFlags(
    String addr, String config, String key, String cert, String auth, boolean dev, boolean help,
    List<String> args) {

  /** A command line pflag refuses; the message is pflag's. */
  public static final class FlagException extends Exception {
    public FlagException(String message) {
      super(message);
    }
  }

  public static ServerFlags parse(List<String> argv) throws FlagException {
    String addr = "";
    String config = "";
    String key = "";
    String cert = "";
    String auth = "";
    boolean dev = false;
    boolean help = false;
    List<String> args = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) {
        args.addAll(argv.subList(i + 1, argv.size()));
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        args.add(a);
        continue;
      }
      if (!a.startsWith("--")) {
        // Short flags: only -h exists; pflag reports the first unknown shorthand.
        for (int j = 1; j < a.length(); j++) {
          char c = a.charAt(j);
          if (c != 'h') {
            throw new FlagException("unknown shorthand flag: '" + c + "' in " + a);
          }
          help = true;
        }
        continue;
      }
      String name = a.substring(2);
      Optional<String> inline = Optional.empty();
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = Optional.of(name.substring(eq + 1));
        name = name.substring(0, eq);
      }
      switch (name) {
        case "help" -> help = true;
        case "dev" -> dev = inline.isEmpty() || parseBool(inline.get(), a);
        case "addr", "config", "key", "cert", "auth" -> {
          String v;
          if (inline.isPresent()) {
            v = inline.get();
          } else if (i + 1 < argv.size()) {
            v = argv.get(++i);
          } else {
            throw new FlagException("flag needs an argument: --" + name);
          }
          switch (name) {
            case "addr" -> addr = v;
            case "config" -> config = v;
            case "key" -> key = v;
            case "cert" -> cert = v;
            default -> auth = v;
          }
        }
        default -> {
          if (name.isEmpty()) {
            throw new FlagException("bad flag syntax: " + a);
          }
          throw new FlagException("unknown flag: --" + name);
        }
      }
      if (help) {
        break; // pflag stops at the help flag
      }
    }
    return new ServerFlags(addr, config, key, cert, auth, dev, help, List.copyOf(args));
  }

  /** Go's {@code strconv.ParseBool}. */
  private static boolean parseBool(String v, String flag) throws FlagException {
    return switch (v) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new FlagException("invalid argument \"" + v + "\" for \"--dev\" flag: "
          + "strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
    };
  }
}
