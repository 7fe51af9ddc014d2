package dev.kiln.core.config;

/** A string, number, boolean or null. */
public record ScalarNode(Object value, int line, int column, String path) implements Node {

  public boolean isString() {
    return value instanceof String;
  }

  public boolean isNumber() {
    return value instanceof Number;
  }

  public boolean isNull() {
    return value == null;
  }

  /** The scalar as text, whatever its YAML type ({@code 3} → "3"). */
  public String text() {
    return value == null ? "" : String.valueOf(value);
  }

  @Override
  public String describe() {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a string";
  }

  @Override
  public Object toPlain() {
    return value;
  }
}
