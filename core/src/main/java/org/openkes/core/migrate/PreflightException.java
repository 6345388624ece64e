package org.openkes.core.migrate;

/** A keystore failed the checks made before anything is written; names the side. */
public final class PreflightException extends Exception {
  /** Which keystore failed. */
  public enum Side {
    SOURCE("source"),
    TARGET("target");

    private final String label;

    Side(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final Side side;

  public PreflightException(Side side, String message, Throwable cause) {
    super(message, cause);
    this.side = side;
  }

  public Side side() {
    return side;
  }
}
