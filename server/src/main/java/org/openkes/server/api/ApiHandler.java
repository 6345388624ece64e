package org.openkes.server.api;

/**
 * The server-side logic of one route: a function of an authenticated request. Handlers report
 * every expected failure as an {@link ApiResponse.Error}; a thrown exception is a bug (the HTTP
 * layer logs it and answers 500).
 */
@FunctionalInterface
public interface ApiHandler {
  ApiResponse handle(ApiRequest request);
}
