package org.openkes.core.key;

/**
 * KES's name rules (kes-compat.md §5.7): {@code validName} for key, policy and identity names,
 * {@code validPattern} for list arguments. Exact, so that a name accepted here is accepted by
 * real KES and the other way round.
 */
public final class KeyName {
  /** The longest valid name, in bytes (all valid characters are ASCII). */
  public static final int MAX_LENGTH = 80;

  private KeyName() {}

  /**
   * 1–80 characters of {@code [0-9A-Za-z_-]}, {@code -} neither first nor last, and not
   * {@code _} alone.
   */
  public static boolean isValid(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_LENGTH || s.equals("_")) {
      return false;
    }
    if (s.charAt(0) == '-' || s.charAt(s.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A list pattern: empty, {@code *}, or a valid name optionally followed by one {@code *}
   * (so {@code a-*} is valid but {@code *-*} is not).
   */
  public static boolean isValidPattern(String s) {
    if (s == null) {
      return false;
    }
    if (s.isEmpty() || s.equals("*")) {
      return true;
    }
    if (s.length() > MAX_LENGTH || s.equals("_")) {
      return false;
    }
    // Real KES checks the whole pattern: '-' may not be first, nor last unless a '*' follows.
    if (s.charAt(0) == '-') {
      return false;
    }
    int end = s.length();
    if (s.charAt(end - 1) == '*') {
      end--;
    } else if (s.charAt(end - 1) == '-') {
      return false;
    }
    for (int i = 0; i < end; i++) {
      if (!isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The 400 message of every key route for an invalid name. */
  public static String invalidKeyNameMessage(String name) {
    return "key name '" + name + "' is empty, too long or contains invalid characters";
  }

  /** The 400 message of the list routes for an invalid pattern. */
  public static String invalidPatternMessage(String pattern) {
    return "listing pattern '" + pattern + "' is empty, too long or is invalid";
  }

  private static boolean isNameChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || c == '_'
        || c == '-';
  }
}
