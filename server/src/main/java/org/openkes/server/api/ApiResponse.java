package org.openkes.server.api;

import java.util.Objects;
import org.openkes.server.json.GoJson;
import org.openkes.server.log.LogTopic;

/** What a handler answers. The HTTP layer turns each case into bytes exactly as KES does. */
public sealed interface ApiResponse
    permits ApiResponse.Empty, ApiResponse.Json, ApiResponse.Error, ApiResponse.Text,
        ApiResponse.Stream, ApiResponse.WouldWait {

  /** The HTTP status. */
  int status();

  /** A status with an empty body and {@code Content-Length: 0} (create, delete, ready). */
  record Empty(int status) implements ApiResponse {}

  /** {@code Content-Type: application/json}, a JSON document plus newline. */
  record Json(int status, String body) implements ApiResponse {
    public Json {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * A KES error: {@code application/json}, body exactly {@code {"message":<string>}} with the
   * encoder's newline inside the braces (kes-compat.md §1.3).
   */
  record Error(int status, String message) implements ApiResponse {
    public Error {
      Objects.requireNonNull(message, "message");
    }

    /** The exact body bytes. */
    public String body() {
      StringBuilder sb = new StringBuilder("{\"message\":");
      GoJson.quote(sb, message);
      return sb.append("\n}").toString();
    }
  }

  /** A non-JSON body with its own content type ({@code /v1/metrics}). */
  record Text(int status, String contentType, String body) implements ApiResponse {
    public Text {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** A never-ending ndjson stream of log events ({@code /v1/log/*}); always 200. */
  record Stream(LogTopic topic) implements ApiResponse {
    public Stream {
      Objects.requireNonNull(topic, "topic");
    }

    @Override
    public int status() {
      return 200;
    }
  }

  /**
   * Not an answer: the handler needs to wait (a key that is not cached must come from the
   * keystore) and was called where it must not ({@link ApiRequest#mayWait()}). Nothing has
   * happened yet; the HTTP layer calls it again on a virtual thread.
   */
  record WouldWait() implements ApiResponse {
    @Override
    public int status() {
      throw new IllegalStateException("not an answer");
    }
  }

  static ApiResponse ok(GoJson.Obj body) {
    return new Json(200, body.encode());
  }

  static ApiResponse error(int status, String message) {
    return new Error(status, message);
  }
}
