package org.openkes.core.config;

/**
 * KES's {@code validName} (kes-compat.md §5.7), used here for policy names, policy identities
 * and predefined key names: 1 to 80 characters of {@code [0-9A-Za-z_-]}, not {@code _} alone,
 * {@code -} neither first nor last.
 */
final class Names {
  private Names() {}

  static final int MAX_LENGTH = 80;

  static boolean valid(String name) {
    if (name.isEmpty() || name.equals("_") || name.length() > MAX_LENGTH) {
      return false;
    }
    int last = name.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || c == '_'
              || (c == '-' && i > 0 && i < last);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
