package org.openkes.client;

/**
 * The client's connection settings are incomplete or contradictory ({@link ClientEnvironment}).
 * The message is the {@code kes} CLI's, ready to print after {@code Error: }.
 */
public final class ClientConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  ClientConfigurationException(String message) {
    super(message);
  }
}
