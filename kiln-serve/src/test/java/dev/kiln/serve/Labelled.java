package dev.kiln.serve;

import dev.kiln.model.features.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fixture CSV (no quoting) as the columns kiln evaluate reads: the named columns as numbers, the rest as text. */
final class Labelled {
  private Labelled() {}

  static Columns columns(Path csv, Set<String> numeric) {
    try {
      List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
      String[] header = lines.get(0).split(",", -1);
      int n = lines.size() - 1;
      Map<String, double[]> numbers = new LinkedHashMap<>();
      Map<String, String[]> text = new LinkedHashMap<>();
      for (int c = 0; c < header.length; c++) {
        double[] d = new double[n];
        String[] t = new String[n];
        for (int r = 0; r < n; r++) {
          String v = lines.get(r + 1).split(",", -1)[c];
          t[r] = v.isEmpty() ? null : v;
          d[r] = v.isEmpty() ? Double.NaN : numeric.contains(header[c]) ? Double.parseDouble(v) : 0;
        }
        if (numeric.contains(header[c])) {
          numbers.put(header[c], d);
        } else {
          text.put(header[c], t);
        }
      }
      return Columns.of(numbers, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
