package org.openkes.core.migrate;

import java.util.Objects;

/**
 * How to migrate.
 *
 * @param pattern a Go glob over key names ({@code *} for all)
 * @param mode what to do with conflicting keys
 * @param dryRun plan only: read both sides, write nothing
 * @param parallelism how many keys are worked on at once (at least 1)
 * @param failFast stop starting new keys after the first failure or conflict
 * @param backup where values about to be overwritten are saved first; null for none
 */
public record MigrationOptions(
    String pattern, Mode mode, boolean dryRun, int parallelism, boolean failFast, BackupWriter backup) {

  /** The default number of parallel workers. */
  public static final int DEFAULT_PARALLELISM = 8;

  public MigrationOptions {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(mode, "mode");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
  }

  /** All keys, no overwrite, default parallelism. */
  public static MigrationOptions defaults() {
    return new MigrationOptions("*", Mode.NO_OVERWRITE, false, DEFAULT_PARALLELISM, false, null);
  }

  public MigrationOptions withPattern(String p) {
    return new MigrationOptions(p, mode, dryRun, parallelism, failFast, backup);
  }

  public MigrationOptions withMode(Mode m) {
    return new MigrationOptions(pattern, m, dryRun, parallelism, failFast, backup);
  }

  public MigrationOptions withDryRun(boolean d) {
    return new MigrationOptions(pattern, mode, d, parallelism, failFast, backup);
  }

  public MigrationOptions withParallelism(int n) {
    return new MigrationOptions(pattern, mode, dryRun, n, failFast, backup);
  }

  public MigrationOptions withFailFast(boolean f) {
    return new MigrationOptions(pattern, mode, dryRun, parallelism, f, backup);
  }

  public MigrationOptions withBackup(BackupWriter b) {
    return new MigrationOptions(pattern, mode, dryRun, parallelism, failFast, b);
  }
}
