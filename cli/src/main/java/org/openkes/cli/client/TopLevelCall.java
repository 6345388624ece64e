package org.openkes.cli.client;

/**
 * A {@link ServerCall} with no parent command to take its context from ({@code kes ls}, {@code
 * status}, {@code log}, {@code metric}): it is given one, or the process's own.
 */
public abstract class TopLevelCall extends ServerCall {
  private final ClientContext context;

  protected TopLevelCall(ClientContext context) {
    this.context = context;
  }

  @Override
  protected final ClientContext context() {
    return context;
  }
}
