package dev.kiln.serve.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reads request bodies as JSON: one value and nothing after it. A body that is not JSON is a
 * 400 ({@code malformed}) quoting the parser's complaint and where it stopped.
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  public static JsonNode read(byte[] body) {
    if (body.length == 0) {
      throw ClientError.bad("malformed", "the request has no body: send a JSON object");
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw ClientError.bad("malformed", "the request body holds no JSON value");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ClientError.bad("malformed", "the request body is not valid JSON: " + e.getOriginalMessage()
          + location(e));
    } catch (IOException e) {
      throw ClientError.bad("malformed", "the request body cannot be read: " + e.getMessage());
    }
  }

  private static String location(JsonProcessingException e) {
    var l = e.getLocation();
    return l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
  }

  /** The object's field, or a 400 saying the request needs it. */
  public static JsonNode required(JsonNode object, String field, String what) {
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      throw ClientError.bad("malformed", what + " needs '" + field + "'");
    }
    return v;
  }
}
