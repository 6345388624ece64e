package org.openkes.core.keystore;

import org.openkes.core.config.ConfigException;
import org.openkes.core.config.Section;

/**
 * A keystore backend, found through {@link java.util.ServiceLoader}. Its {@link #type()} is the
 * path of its section under {@code keystore:} in a KES config file ({@code fs}, {@code vault},
 * {@code aws.secretsmanager}, ...).
 */
public interface KeyStoreProvider {
  /** The config section path under {@code keystore}, e.g. {@code aws.secretsmanager}. */
  String type();

  /**
   * Validates the section and connects.
   *
   * @throws ConfigException if the section is wrong (the message names the field)
   * @throws KeyStoreException if the keystore cannot be opened
   */
  KeyStore open(Section section) throws ConfigException, KeyStoreException;
}
