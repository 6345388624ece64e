package org.openkes.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping of a config file, such as {@code keystore.vault}. Scalar values come back with
 * {@code ${VAR}} substitution already applied (kes-compat.md §4.1). Keys may be dotted to reach
 * into nested mappings: {@code string("credentials.accesskey")}.
 *
 * <p>Keystore providers validate their own section through this view, so they need not know
 * whether it came from a YAML file (with line numbers) or was built in code.
 */
public interface Section {
  /** The dotted path of this section from the root, e.g. {@code keystore.fs}. */
  String path();

  /** The child keys of this mapping, in file order. */
  Set<String> keys();

  /** Whether the (possibly dotted) key is present, whatever its value. */
  boolean has(String key);

  /** A child mapping; empty if absent or null. */
  Optional<Section> section(String key) throws ConfigException;

  /** A scalar as a string, after env substitution; empty if absent or null. */
  Optional<String> string(String key) throws ConfigException;

  /** A Go duration ({@code 15s}, {@code 1h30m}); empty if absent or null. */
  Optional<Duration> duration(String key) throws ConfigException;

  /** A boolean (true/false and yes/on/no/off family); empty if absent or null. */
  Optional<Boolean> bool(String key) throws ConfigException;

  /** A sequence of scalars, each env-substituted; empty if absent or null. */
  List<String> strings(String key) throws ConfigException;

  /**
   * An error about {@code key} of this section: the message, prefixed with where the key is
   * (file and line when known).
   */
  ConfigException error(String key, String message);
}
