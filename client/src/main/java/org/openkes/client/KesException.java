package org.openkes.client;

import java.io.IOException;

/**
 * Why a KES call failed. Exactly one of three things went wrong: the server answered with an
 * error ({@link ApiException} and its sentinel subclasses), no server could be reached or the
 * exchange broke off ({@link TransportException}), or the server answered with something this
 * client cannot read ({@link ResponseFormatException}).
 *
 * <p>An {@link IOException}, like every other failure of a network call in Java.
 */
public abstract sealed class KesException extends IOException
    permits ApiException, TransportException, ResponseFormatException {

  KesException(String message) {
    super(message);
  }

  KesException(String message, Throwable cause) {
    super(message, cause);
  }
}
