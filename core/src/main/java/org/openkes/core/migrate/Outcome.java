package org.openkes.core.migrate;

/** What happened to one key (in a dry run: what would happen). */
public enum Outcome {
  /** Copied to the target and verified. Dry run: would be copied. */
  MIGRATED("migrated", "copy"),
  /** The target already holds the same key material; nothing written. */
  ALREADY_PRESENT("already present", "already present"),
  /** The target's different key was replaced (--force), verified. Dry run: would be. */
  OVERWRITTEN("overwritten", "overwrite"),
  /** The target's different key was kept (--merge). */
  SKIPPED("skipped (conflict kept)", "skip (conflict kept)"),
  /** The target holds different material under this name; target untouched. */
  CONFLICT("conflict", "conflict"),
  /** Something went wrong for this key; see the detail. */
  FAILED("failed", "failed"),
  /** Not attempted: the run was interrupted or stopped by --fail-fast first. */
  NOT_ATTEMPTED("not attempted", "not attempted");

  private final String label;
  private final String planLabel;

  Outcome(String label, String planLabel) {
    this.label = label;
    this.planLabel = planLabel;
  }

  /** How a report names it. */
  public String label(boolean dryRun) {
    return dryRun ? planLabel : label;
  }

  /** Whether this outcome makes the run unsuccessful (exit 1). */
  public boolean isProblem() {
    return this == CONFLICT || this == FAILED || this == NOT_ATTEMPTED;
  }
}
