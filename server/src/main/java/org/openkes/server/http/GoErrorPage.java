package org.openkes.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What the client sees when Jetty itself refuses a request before KES code runs (a malformed
 * request line, a bad escape, oversized headers): Go's {@code net/http} answer, {@code 400 Bad
 * Request} as plain text and {@code Connection: close}, instead of Jetty's HTML page.
 */
public final class GoErrorPage implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer i
        ? i : response.getStatus();
    if (status < 400) {
      status = 500;
    }
    byte[] body = (status + " " + HttpStatus.getMessage(status)).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
