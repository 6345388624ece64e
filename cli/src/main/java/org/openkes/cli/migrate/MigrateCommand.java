package org.openkes.cli.migrate;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openkes.cli.Interrupts;
import org.openkes.cli.KeyStoreConfigs;
import org.openkes.cli.Terminal;
import org.openkes.core.config.ConfigException;
import org.openkes.core.keystore.KeyStore;
import org.openkes.core.keystore.KeyStoreException;
import org.openkes.core.migrate.BackupFile;
import org.openkes.core.migrate.BackupKeyStore;
import org.openkes.core.migrate.BackupWriter;
import org.openkes.core.migrate.GoGlob;
import org.openkes.core.migrate.Migration;
import org.openkes.core.migrate.MigrationOptions;
import org.openkes.core.migrate.MigrationReport;
import org.openkes.core.migrate.Mode;
import org.openkes.core.migrate.PreflightException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kes migrate}: a thin shell over the migration engine of core. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpWidth = 100,
    description = {
      "Migrate master keys from one KMS (keystore) to another.",
      "",
      "Only the keystore section of each config file is used; a full KES server config works,"
          + " and its TLS files need not exist. The source is never modified. By default a key"
          + " that exists at the target with different material is a conflict and the target is"
          + " left untouched. Every copied key is read back and compared.",
    },
    footer = {
      "",
      "Examples:",
      "  kes migrate --from source.yml --to target.yml                migrate all keys",
      "  kes migrate --from source.yml --target target.yml 'my-key*'  keys matching a pattern (quote it!)",
      "  kes migrate --from source.yml --to target.yml my-master-key  one key",
      "  kes migrate --from source.yml --to target.yml --dry-run      show the plan, change nothing",
      "  KES_BACKUP_PASSPHRASE=... kes migrate --from s.yml --to t.yml --force --backup old-keys.kesbak",
      "  KES_BACKUP_PASSPHRASE=... kes migrate --from-backup old-keys.kesbak --to t.yml --force   restore",
      "",
      "Exit codes: 0 every matching key is at the target (migrated or already present),",
      "            1 some keys failed or conflicted, the run was interrupted, or a keystore failed",
      "              its preflight check,",
      "            2 usage or config error.",
      "Ctrl-C or SIGTERM finishes the keys in flight and prints the summary; re-running the same",
      "command completes the migration.",
    })
public final class MigrateCommand implements Callable<Integer> {
  static final String PASSPHRASE_ENV = "KES_BACKUP_PASSPHRASE";

  @Option(names = "--from", paramLabel = "FILE", description = "Source KES config file.")
  Path from;

  @Option(names = {"--to", "--target"}, paramLabel = "FILE", description = "Target KES config file. (--target is the documented spelling.)")
  Path to;

  @Option(names = "--from-backup", paramLabel = "FILE", description = "Restore: read keys from a backup file written by --backup instead of --from.")
  Path fromBackup;

  @Option(names = {"-f", "--force"}, description = "Overwrite keys that exist at the target with different material. The old value is held and restored if the new one cannot be written.")
  boolean force;

  @Option(names = "--merge", description = "Only migrate keys missing at the target; keep conflicting target keys (reported as warnings).")
  boolean merge;

  @Option(names = "--dry-run", description = "Print the plan (copy, already present, conflict, overwrite) and change nothing.")
  boolean dryRun;

  @Option(names = "--backup", paramLabel = "FILE", description = "With --force: first save every value about to be overwritten to this new encrypted file (Argon2id + AES-256-GCM, mode 0600). Passphrase from $" + PASSPHRASE_ENV + " or a prompt.")
  Path backup;

  @Option(names = {"-p", "--parallel"}, paramLabel = "N", description = "Keys migrated at once (default: ${DEFAULT-VALUE}).")
  int parallel = MigrationOptions.DEFAULT_PARALLELISM;

  @Option(names = "--fail-fast", description = "Stop starting new keys after the first failure or conflict.")
  boolean failFast;

  @Option(names = {"-q", "--quiet"}, description = "No progress output; only the summary and errors.")
  boolean quiet;

  @Option(names = "--json", description = "Print the final report as one JSON document on stdout.")
  boolean json;

  @Option(names = {"-s", "--server"}, hidden = true) String server;
  @Option(names = {"-e", "--enclave"}, hidden = true) String enclave;
  @Option(names = {"-a", "--api-key"}, hidden = true) String apiKey;
  @Option(names = {"-k", "--insecure"}, hidden = true) boolean insecure;

  @Parameters(arity = "0..*", paramLabel = "PATTERN", description = "Key name or glob (default: all keys). '*', '?' and '[...]' as in real KES.")
  List<String> patterns;

  private final Terminal terminal;
  private final Map<String, String> env;

  public MigrateCommand() {
    this(Terminal.system(), System.getenv());
  }

  public MigrateCommand(Terminal terminal, Map<String, String> env) {
    this.terminal = terminal;
    this.env = env;
  }

  @Override
  public Integer call() {
    String usage = checkUsage();
    if (usage != null) {
      terminal.err().println("Error: " + usage + ". See 'kes migrate --help'");
      return 2;
    }
    String pattern = patterns == null || patterns.isEmpty() ? "*" : patterns.get(0);
    try {
      GoGlob.compile(pattern);
    } catch (IllegalArgumentException e) {
      terminal.err().println("Error: " + e.getMessage() + ". See 'kes migrate --help'");
      return 2;
    }

    KeyStore source = null;
    KeyStore target = null;
    BackupWriter backupWriter = null;
    try {
      try {
        source = fromBackup != null ? openBackup() : KeyStoreConfigs.open(from, env::get);
      } catch (ConfigException e) {
        return configError(fromBackup != null ? "source backup file" : "source config",
            fromBackup != null ? fromBackup : from, e.getMessage());
      } catch (KeyStoreException e) {
        return keystoreError("source", from, e);
      }
      try {
        target = KeyStoreConfigs.open(to, env::get);
      } catch (ConfigException e) {
        return configError("target config", to, e.getMessage());
      } catch (KeyStoreException e) {
        return keystoreError("target", to, e);
      }
      if (backup != null && !dryRun) {
        char[] pass = passphrase(true);
        if (pass == null) {
          return 2;
        }
        try {
          backupWriter = BackupWriter.create(backup, pass);
        } catch (IOException | IllegalArgumentException e) {
          terminal.err().println("Error: cannot create backup file: " + e.getMessage());
          return 2;
        } finally {
          Arrays.fill(pass, '\0');
        }
      }
      MigrationOptions options = new MigrationOptions(pattern,
          force ? Mode.FORCE : merge ? Mode.MERGE : Mode.NO_OVERWRITE,
          dryRun, parallel, failFast, backupWriter);
      return run(source, target, options);
    } finally {
      closeQuietly(backupWriter);
      if (source != null) {
        source.close();
      }
      if (target != null) {
        target.close();
      }
    }
  }

  private int run(KeyStore source, KeyStore target, MigrationOptions options) {
    boolean showProgress = !quiet;
    ProgressReporter progress = showProgress ? new ProgressReporter(terminal.err(), terminal.stderrTty(), dryRun) : null;
    Migration migration = new Migration(source, target, options,
        progress != null ? progress : org.openkes.core.migrate.MigrationListener.NONE);
    Interrupts interrupts = Interrupts.install(() -> {
      terminal.err().println();
      terminal.err().println("Interrupted: finishing the keys in flight, then printing the summary...");
      migration.cancel();
    });
    MigrationReport report;
    try {
      if (!quiet && !json) {
        terminal.err().println("Migrating " + (dryRun ? "(dry run) " : "") + "from " + source.description()
            + " to " + target.description());
      }
      report = migration.run();
    } catch (PreflightException e) {
      Path file = e.side() == PreflightException.Side.SOURCE ? (fromBackup != null ? fromBackup : from) : to;
      terminal.err().println("Error: " + e.side() + " keystore (" + file + ") failed the preflight check: "
          + e.getMessage());
      return 1;
    } finally {
      if (progress != null) {
        progress.close();
      }
      interrupts.uninstall();
    }
    if (json) {
      ReportPrinter.json(report, terminal.out());
    } else {
      ReportPrinter.human(report, terminal.out(), dryRun);
    }
    if (options.backup() != null && options.backup().count() > 0 && !json) {
      terminal.out().println("Saved " + options.backup().count() + " overwritten value(s) to " + options.backup().path()
          + "; restore with: kes migrate --from-backup " + options.backup().path() + " --to " + to + " --force");
    }
    return report.succeeded() ? 0 : 1;
  }

  /** The usage checks, in real KES's order where they overlap (kes-compat.md §8.5). */
  private String checkUsage() {
    if (patterns != null && patterns.size() > 1) {
      return "too many arguments (quote a pattern such as 'my-key*' so that the shell does not expand it)";
    }
    if (server != null || enclave != null || apiKey != null || insecure) {
      return "migrating to MinIO KMS (-s, -e, -a, -k) is not supported by this distribution; use '--to FILE'";
    }
    if (from == null && fromBackup == null) {
      return "no source specified. Use '--from' flag";
    }
    if (from != null && fromBackup != null) {
      return "'--from' and '--from-backup' are mutually exclusive";
    }
    if (to == null) {
      return "missing migration target. Use '--to'";
    }
    if (force && merge) {
      return "'--force' and '--merge' flags are mutually exclusive";
    }
    if (backup != null && !force) {
      return "'--backup' only applies with '--force' (nothing is overwritten otherwise)";
    }
    if (parallel < 1 || parallel > 256) {
      return "'--parallel' must be between 1 and 256";
    }
    return null;
  }

  private KeyStore openBackup() throws ConfigException {
    char[] pass = passphrase(false);
    if (pass == null) {
      throw new ConfigException("no passphrase for the backup file");
    }
    try {
      return new BackupKeyStore(fromBackup, BackupFile.read(fromBackup, pass));
    } catch (IOException e) {
      throw new ConfigException("cannot read backup file: " + e.getMessage());
    } catch (BackupFile.BackupException e) {
      throw new ConfigException(e.getMessage());
    } finally {
      Arrays.fill(pass, '\0');
    }
  }

  /** From the environment, else a prompt (twice when creating); null after printing why not. */
  private char[] passphrase(boolean confirm) {
    String fromEnv = env.get(PASSPHRASE_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      terminal.err().println("Error: no backup passphrase: set " + PASSPHRASE_ENV + " or run in a terminal");
      return null;
    }
    char[] first = console.readPassword("Backup passphrase: ");
    if (first == null || first.length == 0) {
      terminal.err().println("Error: the backup passphrase must not be empty");
      return null;
    }
    if (confirm) {
      char[] second = console.readPassword("Repeat the passphrase: ");
      if (second == null || !Arrays.equals(first, second)) {
        terminal.err().println("Error: the passphrases do not match");
        return null;
      }
      Arrays.fill(second, '\0');
    }
    return first;
  }

  private int configError(String side, Path file, String message) {
    // The loader's messages usually start with "file:line:"; name the file only if they don't.
    String where = message.contains(file.toString()) ? side : side + " " + file;
    terminal.err().println("Error: " + where + ": " + message);
    return 2;
  }

  private int keystoreError(String side, Path file, KeyStoreException e) {
    terminal.err().println("Error: cannot open the " + side + " keystore of " + file + ": " + e.getMessage());
    return 1;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a synced backup file cannot lose data
      }
    }
  }
}
