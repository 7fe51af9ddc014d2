package dev.kiln.model.xgboost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;

/**
 * Reads Universal Binary JSON (big-endian, the draft-12 markers XGBoost writes: {@code Z N T F i U
 * I l L d D C S H}, objects with length-prefixed keys, arrays and objects optimised with
 * {@code $type} and {@code #count}) into a Jackson tree; {@code d} (float32) values become float
 * nodes, so they keep XGBoost's exact values.
 */
final class Ubjson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 64;
  private final ByteBuffer in;

  private Ubjson(byte[] bytes) {
    this.in = ByteBuffer.wrap(bytes);
  }

  static JsonNode read(byte[] bytes) {
    Ubjson u = new Ubjson(bytes);
    try {
      JsonNode root = u.value(u.in.get(), 0);
      if (u.in.hasRemaining()) {
        throw new XGBoostModelException("UBJSON: " + u.in.remaining() + " bytes after the end of the document");
      }
      return root;
    } catch (BufferUnderflowException e) {
      throw new XGBoostModelException("UBJSON: the file ends in the middle of a value", e);
    }
  }

  private JsonNode value(byte marker, int depth) {
    if (depth > MAX_DEPTH) {
      throw new XGBoostModelException("UBJSON: nested deeper than " + MAX_DEPTH + " levels");
    }
    return switch (marker) {
      case 'Z' -> NODES.nullNode();
      case 'T' -> NODES.booleanNode(true);
      case 'F' -> NODES.booleanNode(false);
      case 'i', 'U', 'I', 'l' -> NODES.numberNode((int) integer(marker));
      case 'L' -> NODES.numberNode(in.getLong());
      case 'd' -> NODES.numberNode(in.getFloat());
      case 'D' -> NODES.numberNode(in.getDouble());
      case 'C' -> NODES.textNode(String.valueOf((char) (in.get() & 0xff)));
      case 'S', 'H' -> NODES.textNode(string());
      case '[' -> array(depth);
      case '{' -> object(depth);
      default -> throw new XGBoostModelException("UBJSON: unknown marker '" + (char) (marker & 0xff) + "' at byte "
          + (in.position() - 1));
    };
  }

  private long integer(byte marker) {
    return switch (marker) {
      case 'i' -> in.get();
      case 'U' -> in.get() & 0xff;
      case 'I' -> in.getShort();
      case 'l' -> in.getInt();
      case 'L' -> in.getLong();
      default -> throw new XGBoostModelException("UBJSON: expected a length or count, found marker '"
          + (char) (marker & 0xff) + "' at byte " + (in.position() - 1));
    };
  }

  private int count(byte marker) {
    long n = integer(marker);
    if (n < 0) {
      throw new XGBoostModelException("UBJSON: a negative length (" + n + ") at byte " + in.position());
    }
    if (n > in.remaining()) {
      throw new XGBoostModelException("UBJSON: the file ends in the middle of a value (" + n + " items at byte "
          + in.position() + ", " + in.remaining() + " bytes left)");
    }
    return (int) n;
  }

  private String string() {
    int n = count(in.get());
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** The {@code $type} and {@code #count} of an optimised container: {type or 0, count or -1}. */
  private int[] header() {
    int type = 0;
    int count = -1;
    if (peek() == '$') {
      in.get();
      type = in.get();
      if (peek() != '#') {
        throw new XGBoostModelException("UBJSON: a typed container without a count at byte " + in.position());
      }
    }
    if (peek() == '#') {
      in.get();
      count = count(in.get());
    }
    return new int[] {type, count};
  }

  private byte peek() {
    return in.get(in.position());
  }

  private ArrayNode array(int depth) {
    int[] h = header();
    ArrayNode a = NODES.arrayNode();
    if (h[1] >= 0) {
      for (int i = 0; i < h[1]; i++) {
        a.add(value(h[0] != 0 ? (byte) h[0] : in.get(), depth + 1));
      }
      return a;
    }
    for (byte m = in.get(); m != ']'; m = in.get()) {
      if (m != 'N') {
        a.add(value(m, depth + 1));
      }
    }
    return a;
  }

  private ObjectNode object(int depth) {
    int[] h = header();
    ObjectNode o = NODES.objectNode();
    if (h[1] >= 0) {
      for (int i = 0; i < h[1]; i++) {
        String key = string();
        o.set(key, value(h[0] != 0 ? (byte) h[0] : in.get(), depth + 1));
      }
      return o;
    }
    while (peek() != '}') {
      if (peek() == 'N') {
        in.get();
        continue;
      }
      String key = string();
      o.set(key, value(in.get(), depth + 1));
    }
    in.get();
    return o;
  }
}
