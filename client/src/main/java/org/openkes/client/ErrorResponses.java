package org.openkes.client;

import java.nio.charset.StandardCharsets;

/**
 * Reads an error response the way the SDK's {@code parseErrorResponse} does (kes-compat.md
 * §1.3): a JSON body ({@code Content-Type: application/json…}) carries {@code message} and maybe
 * {@code error}, which wins when not empty; any other body is the message as text. Two messages
 * of old servers are translated to today's sentinels, as the SDK does, for JSON bodies only.
 */
final class ErrorResponses {
  /** The SDK reads at most 1 MiB of an error body. */
  static final long MAX_BODY = 1 << 20;

  private ErrorResponses() {}

  static ApiException read(Exchange e) throws KesException {
    byte[] body = e.readBody(MAX_BODY);
    String contentType = e.header("Content-Type").strip();
    if (!contentType.startsWith("application/json")) {
      return ApiException.of(e.status(), new String(body, StandardCharsets.UTF_8));
    }
    String message;
    try {
      Fields f = Fields.of(Json.parse(body, e.uri().toString()), e.uri().toString());
      String error = f.string("error");
      message = error.isEmpty() ? f.string("message") : error;
    } catch (ResponseFormatException notJson) {
      // The SDK would return the JSON error and lose the status; keep both visible instead.
      return ApiException.of(e.status(), new String(body, StandardCharsets.UTF_8));
    }
    if (e.status() == 400 && message.equals("key does already exist")) {
      message = KeyExistsException.MESSAGE;
    } else if (e.status() == 403 && message.equals("prohibited by policy")) {
      message = NotAllowedException.MESSAGE;
    }
    return ApiException.of(e.status(), message);
  }
}
