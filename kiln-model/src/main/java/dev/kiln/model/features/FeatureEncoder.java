package dev.kiln.model.features;

import dev.kiln.model.signature.Input;
import dev.kiln.model.signature.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns columns into model features as a {@link Signature} says: numbers imputed and scaled,
 * categories one-hot. Columns absent from the data are an error naming them all; unseen
 * categories and missing values are encoded as documented (all-zero one-hot, fill or NaN) and
 * counted in {@link EncodingNotes}.
 */
public final class FeatureEncoder {
  private final Signature signature;
  private final List<Map<String, Integer>> levelIndex = new ArrayList<>();

  public FeatureEncoder(Signature signature) {
    this.signature = signature;
    for (Input in : signature.inputs()) {
      Map<String, Integer> index = new HashMap<>();
      if (in instanceof Input.Categorical c) {
        for (int i = 0; i < c.levels().size(); i++) {
          index.put(c.levels().get(i), i);
        }
      }
      levelIndex.add(index);
    }
  }

  /** Throws when the data lacks input columns or holds text where the model needs numbers. */
  public void check(Columns data) {
    List<String> absent = signature.inputNames().stream().filter(n -> !data.has(n)).toList();
    if (!absent.isEmpty()) {
      throw new SignatureMismatchException("the data has no column" + (absent.size() > 1 ? "s " : " ")
          + String.join(", ", absent) + " that the model needs (model inputs: "
          + String.join(", ", signature.inputNames()) + ")");
    }
  }

  public FeatureMatrix encode(Columns data) {
    return encode(data, new EncodingNotes());
  }

  public FeatureMatrix encode(Columns data, EncodingNotes notes) {
    check(data);
    int rows = data.rows();
    int cols = signature.width();
    float[] out = new float[rows * cols];
    Map<Integer, String[]> text = new HashMap<>();
    int offset = 0;
    for (int k = 0; k < signature.inputs().size(); k++) {
      Input in = signature.inputs().get(k);
      if (in instanceof Input.Numeric n) {
        encodeNumeric(n, numbers(data, n.name()), out, offset, cols, notes);
      } else if (in instanceof Input.Categorical c) {
        encodeCategory(c, levelIndex.get(k), data.strings(in.name()), out, offset, cols, notes);
      } else {
        text.put(offset, text(data, in.name(), notes));
        for (int r = 0; r < rows; r++) {
          out[r * cols + offset] = Float.NaN;
        }
      }
      offset += in.width();
    }
    return new FeatureMatrix(out, rows, cols, text);
  }

  /** A column as text; numbers read as numbers are written back without a trailing ".0". */
  private static String[] text(Columns data, String name, EncodingNotes notes) {
    String[] v = data.numbers(name).map(FeatureEncoder::asText).orElseGet(() -> data.strings(name));
    for (String s : v) {
      if (s == null) {
        notes.missing(name);
      }
    }
    return v;
  }

  private static String[] asText(double[] v) {
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      out[i] = Double.isNaN(x) ? null : x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x)
          : Double.toString(x);
    }
    return out;
  }

  private static double[] numbers(Columns data, String name) {
    var direct = data.numbers(name);
    if (direct.isPresent()) {
      return direct.get();
    }
    String[] text = data.strings(name);
    double[] parsed = new double[text.length];
    for (int i = 0; i < text.length; i++) {
      parsed[i] = parse(name, text[i], i);
    }
    return parsed;
  }

  private static double parse(String column, String value, int row) {
    if (value == null || value.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new SignatureMismatchException("column '" + column + "' must hold numbers for the model, but row "
          + (row + 1) + " holds '" + value + "'");
    }
  }

  private static void encodeNumeric(Input.Numeric n, double[] v, float[] out, int offset, int cols, EncodingNotes notes) {
    for (int r = 0; r < v.length; r++) {
      double x = v[r];
      if (Double.isNaN(x)) {
        notes.missing(n.name());
        x = n.fill();
      }
      out[r * cols + offset] = (float) ((x - n.mean()) / n.std());
    }
  }

  private static void encodeCategory(Input.Categorical c, Map<String, Integer> index, String[] v, float[] out,
      int offset, int cols, EncodingNotes notes) {
    for (int r = 0; r < v.length; r++) {
      if (v[r] == null) {
        notes.missing(c.name());
        continue;
      }
      Integer level = index.get(v[r]);
      if (level == null) {
        notes.unseen(c.name(), v[r]);
        continue;
      }
      out[r * cols + offset + level] = 1f;
    }
  }
}
