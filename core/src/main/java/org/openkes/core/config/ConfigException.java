package org.openkes.core.config;

/**
 * A config file is wrong. The message is one sentence a user can act on; it names the field
 * (and, where known, the file and line) and keeps real KES's wording where there is one.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
