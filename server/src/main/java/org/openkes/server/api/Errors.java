package org.openkes.server.api;

/** KES's fixed error messages (kes-compat.md §1.3); statuses and texts must match exactly. */
public final class Errors {
  private Errors() {}

  public static final String NOT_ALLOWED = "not authorized: insufficient permissions";
  public static final String KEY_EXISTS = "key already exists";
  public static final String KEY_NOT_FOUND = "key does not exist";
  public static final String DECRYPT = "decryption failed: ciphertext is not authentic";
  public static final String POLICY_NOT_FOUND = "policy does not exist";
  public static final String IDENTITY_NOT_FOUND = "identity does not exist";
  public static final String INVALID_BODY = "invalid request body";
  public static final String INVALID_IMPORT_BODY = "invalid import key request body";
  public static final String FAILED_GENERATE = "failed to generate encryption key";
  public static final String FAILED_CREATE = "failed to create key";
  public static final String FAILED_ENCRYPT = "failed to encrypt plaintext";
  public static final String FAILED_DECRYPT = "failed to decrypt ciphertext";
  public static final String FAILED_READ = "failed to read key";
  public static final String FAILED_DELETE = "failed to delete key";
  public static final String FAILED_LIST = "failed to list keys";
  public static final String STORE_UNAVAILABLE = "key store is unavailable";
  public static final String STORE_UNREACHABLE = "key store is not reachable";
  public static final String NO_HMAC = "key does not support HMAC";

  public static String invalidKeyName(String name) {
    return "key name '" + name + "' is empty, too long or contains invalid characters";
  }

  public static String invalidPolicyName(String name) {
    return "policy name '" + name + "' is empty, too long or contains invalid characters";
  }

  public static String invalidIdentity(String identity) {
    return "identity '" + identity + "' is empty, too long or contains invalid characters";
  }

  public static String invalidPattern(String pattern) {
    return "listing pattern '" + pattern + "' is empty, too long or is invalid";
  }

  public static String methodNotAllowed(String got, String want) {
    return "received method '" + got + "' expected '" + want + "'";
  }
}
