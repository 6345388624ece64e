package org.openkes.client;

import java.util.Objects;

/**
 * One API call as the route table describes it: method, escaped path, optional JSON body.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
 * @param path the escaped path, starting with {@code /}
 * @param body the request body; {@code null} for none
 * @param contentType the {@code Content-Type}; {@code null} to send none (the SDK sends none for
 *     HMAC)
 * @param accept the {@code Accept} header; {@code null} for none
 */
record ApiRequest(String method, String path, byte[] body, String contentType, String accept) {
  static final String JSON = "application/json";

  ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
  }

  static ApiRequest get(String path) {
    return new ApiRequest("GET", path, null, null, null);
  }

  static ApiRequest post(String path) {
    return new ApiRequest("POST", path, null, null, null);
  }

  static ApiRequest postJson(String path, byte[] json) {
    return new ApiRequest("POST", path, json, JSON, null);
  }

  static ApiRequest delete(String path) {
    return new ApiRequest("DELETE", path, null, null, null);
  }

  ApiRequest withAccept(String value) {
    return new ApiRequest(method, path, body, contentType, value);
  }
}
