package dev.kiln.serve.http;

import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.route.ServedVersion;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the gateway keeps about one exchange on its context: when it arrived, its request id
 * (the client's {@code X-Request-Id} when it is a sensible token, else a new one), the endpoint
 * it matched and the version that answered; and the checks every body passes (size, media type).
 */
final class Exchange {
  static final String REQUEST_ID = "X-Request-Id";
  static final String MODEL = "X-Kiln-Model";
  static final String VERSION = "X-Kiln-Model-Version";
  private static final String START = "kiln.start";
  private static final String ENDPOINT = "kiln.endpoint";
  private static final String SERVED = "kiln.served";
  private static final String ID = "kiln.id";
  private static final String BYTES_IN = "kiln.bytesIn";
  private static final String BYTES_OUT = "kiln.bytesOut";

  private Exchange() {}

  static void begin(Context ctx) {
    ctx.attribute(START, System.nanoTime());
    String id = ctx.header(REQUEST_ID);
    ctx.attribute(ID, id != null && id.length() <= 128 && id.matches("[A-Za-z0-9._:/+=-]+") ? id : newId());
    ctx.header(REQUEST_ID, (String) ctx.attribute(ID));
  }

  static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
  }

  static String requestId(Context ctx) {
    String id = ctx.attribute(ID);
    return id == null ? newId() : id;
  }

  static long start(Context ctx) {
    Long t = ctx.attribute(START);
    return t == null ? System.nanoTime() : t;
  }

  static void endpoint(Context ctx, String endpoint) {
    ctx.attribute(ENDPOINT, endpoint);
  }

  static String endpoint(Context ctx) {
    String e = ctx.attribute(ENDPOINT);
    return e == null ? "other" : e;
  }

  /** Records the version answering, and names it in the response's headers. */
  static void served(Context ctx, ServedVersion v) {
    ctx.attribute(SERVED, v);
    ctx.header(MODEL, v.model());
    ctx.header(VERSION, Integer.toString(v.version()));
  }

  static ServedVersion served(Context ctx) {
    return ctx.attribute(SERVED);
  }

  static long bytesIn(Context ctx) {
    Long b = ctx.attribute(BYTES_IN);
    return b == null ? 0 : b;
  }

  static void bytesOut(Context ctx, long n) {
    ctx.attribute(BYTES_OUT, n);
  }

  static long bytesOut(Context ctx) {
    Long b = ctx.attribute(BYTES_OUT);
    return b == null ? 0 : b;
  }

  /** The body, refused with 413 past the limit (by its Content-Length, before reading it). */
  static byte[] body(Context ctx, Limits limits) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > 0) {
      limits.checkBody(declared);
    }
    byte[] body = ctx.bodyAsBytes();
    limits.checkBody(body.length);
    ctx.attribute(BYTES_IN, (long) body.length);
    return body;
  }

  /** The media type without parameters, lower case; empty when the request names none. */
  static String mediaType(Context ctx) {
    String t = ctx.header("Content-Type");
    if (t == null) {
      return "";
    }
    int semi = t.indexOf(';');
    return (semi < 0 ? t : t.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  static ClientError unsupported(String type, String accepted) {
    return ClientError.unsupportedMediaType("content type '" + (type.isEmpty() ? "(none)" : abbreviate(type))
        + "' is not supported here: send " + accepted);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
