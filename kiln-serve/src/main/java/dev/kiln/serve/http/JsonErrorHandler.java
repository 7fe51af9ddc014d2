package dev.kiln.serve.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors — requests it refuses before the gateway sees them (a malformed URI, headers
 * too large) — as JSON in the protocol of the path, never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
  /** Every method gets a body (Jetty's default gives one to GET, POST and HEAD only). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    String path = path(request);
    byte[] body = Protocol.of(path).error(code, code == 404 ? "not_found" : "malformed", null,
        "the request was refused by the HTTP layer: " + (message == null ? "status " + code : message));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static String path(Request request) {
    try {
      return request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
