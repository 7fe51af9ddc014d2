package dev.kiln.serve.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.features.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a request's columns value by value, checking each against the {@link Schema}: a number
 * column takes JSON numbers, booleans (1 or 0) and null (missing); a category or text column
 * takes strings, numbers (written as the data reader writes them: {@code 3}, not {@code 3.0}),
 * booleans and null. Anything else, an unknown column or a column named twice is a 400 naming
 * the column; {@link #build} refuses a request that leaves a column out, naming every one.
 */
public final class ColumnsBuilder {
  private final Schema schema;
  private final int rows;
  private final double[][] numbers;
  private final String[][] text;
  private final boolean[] seen;

  public ColumnsBuilder(Schema schema, int rows) {
    this.schema = schema;
    this.rows = rows;
    this.numbers = new double[schema.size()][];
    this.text = new String[schema.size()][];
    this.seen = new boolean[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      if (schema.field(i).numeric()) {
        numbers[i] = new double[rows];
        Arrays.fill(numbers[i], Double.NaN);
      } else {
        text[i] = new String[rows];
      }
    }
  }

  public int rows() {
    return rows;
  }

  /** The index of a column the request supplies; unknown or repeated columns are refused. */
  public int column(String name) {
    int i = schema.require(name);
    if (seen[i]) {
      throw ClientError.column("wrong_shape", name, "column '" + name + "' is given twice");
    }
    seen[i] = true;
    return i;
  }

  /** Like {@link #column}, but a column already seen is allowed (rows given as objects name it in every row). */
  public int columnOfRow(String name) {
    int i = schema.require(name);
    seen[i] = true;
    return i;
  }

  public void json(int col, int row, JsonNode v) {
    Field f = schema.field(col);
    if (f.numeric()) {
      numbers[col][row] = number(f, row, v);
    } else {
      text[col][row] = text(f, row, v);
    }
  }

  /** A value given as text (CSV): numbers are parsed, an empty value is missing. */
  public void text(int col, int row, String v) {
    Field f = schema.field(col);
    if (!f.numeric()) {
      text[col][row] = v.isEmpty() ? null : v;
      return;
    }
    String t = v.trim();
    if (t.isEmpty()) {
      return;
    }
    try {
      numbers[col][row] = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw wrongType(f, row, "'" + abbreviate(v) + "'");
    }
  }

  public Columns build() {
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        absent.add(schema.field(i).name());
      }
    }
    if (!absent.isEmpty()) {
      throw ClientError.column("missing", absent.get(0), "missing column" + (absent.size() > 1 ? "s " : " ")
          + String.join(", ", absent) + ": the model takes " + schema.names());
    }
    Map<String, double[]> n = new LinkedHashMap<>();
    Map<String, String[]> t = new LinkedHashMap<>();
    for (int i = 0; i < schema.size(); i++) {
      if (numbers[i] != null) {
        n.put(schema.field(i).name(), numbers[i]);
      } else {
        t.put(schema.field(i).name(), text[i]);
      }
    }
    return Columns.of(n, t);
  }

  private static double number(Field f, int row, JsonNode v) {
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? 1 : 0;
    }
    throw wrongType(f, row, describe(v));
  }

  private static String text(Field f, int row, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber() || v.isBoolean()) {
      return v.asText();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
    throw wrongType(f, row, describe(v));
  }

  static ClientError wrongType(Field f, int row, String found) {
    return ClientError.column("wrong_type", f.name(), "column '" + f.name() + "' takes " + expected(f) + ", but row "
        + (row + 1) + " holds " + found);
  }

  private static String expected(Field f) {
    return switch (f.kind()) {
      case NUMBER -> "numbers (or null for a missing value)";
      case CATEGORY -> "categories as strings (or null)";
      case TEXT -> "text (or null)";
    };
  }

  /** A JSON value in a few words, for messages: {@code the string "abc"}, {@code an array}. */
  public static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "the string \"" + abbreviate(v.textValue()) + "\"";
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isObject()) {
      return "an object";
    }
    return v.toString();
  }

  public static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
