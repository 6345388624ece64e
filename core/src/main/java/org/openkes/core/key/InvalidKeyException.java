package org.openkes.core.key;

/**
 * A stored key value cannot be decoded: malformed base64, protobuf or JSON, a wrong key length,
 * an unknown key type. The message is real KES's where it has one. Never carries key material.
 */
public final class InvalidKeyException extends Exception {
  public InvalidKeyException(String message) {
    super(message);
  }
}
