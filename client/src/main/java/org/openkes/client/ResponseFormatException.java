package org.openkes.client;

/**
 * The server answered, but not in a form this client understands: invalid JSON, a field of the
 * wrong type, an unknown key algorithm, a response larger than the SDK's limit, an unexpected
 * status. Usually a server of another kind or version at the endpoint.
 */
public final class ResponseFormatException extends KesException {
  ResponseFormatException(String message) {
    super(message);
  }

  ResponseFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
