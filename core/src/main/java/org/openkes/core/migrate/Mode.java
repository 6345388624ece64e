package org.openkes.core.migrate;

/** What to do with a key whose name is already taken at the target by different material. */
public enum Mode {
  /** The default: report it as a conflict, leave the target untouched, exit non-zero. */
  NO_OVERWRITE,
  /** {@code --force}: replace it, holding (and optionally backing up) the old value first. */
  FORCE,
  /** {@code --merge}: keep the target's key, report the conflict as a skipped warning. */
  MERGE
}
