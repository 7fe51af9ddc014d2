package dev.kiln.data.read;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a result set column by column into a {@link Frame}, growing arrays as rows arrive. */
final class FrameReader {
  private FrameReader() {}

  static Frame read(ResultSet rs, List<ColumnInfo> wanted) throws SQLException {
    int n = wanted.size();
    List<double[]> nums = new ArrayList<>();
    List<String[]> texts = new ArrayList<>();
    int[] slot = new int[n];
    for (int i = 0; i < n; i++) {
      ColumnInfo.Kind k = wanted.get(i).kind();
      boolean numeric = k == ColumnInfo.Kind.NUMERIC || k == ColumnInfo.Kind.BOOLEAN;
      slot[i] = numeric ? nums.size() : -1 - texts.size();
      if (numeric) {
        nums.add(new double[1024]);
      } else {
        texts.add(new String[1024]);
      }
    }
    int rows = 0;
    while (rs.next()) {
      if (rows == capacity(nums, texts)) {
        nums.replaceAll(a -> Arrays.copyOf(a, a.length * 2));
        texts.replaceAll(a -> Arrays.copyOf(a, a.length * 2));
      }
      for (int i = 0; i < n; i++) {
        if (slot[i] >= 0) {
          nums.get(slot[i])[rows] = number(rs.getObject(i + 1));
        } else {
          texts.get(-1 - slot[i])[rows] = rs.getString(i + 1);
        }
      }
      rows++;
    }
    Map<String, double[]> numeric = new LinkedHashMap<>();
    Map<String, String[]> text = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = wanted.get(i).name();
      if (slot[i] >= 0) {
        numeric.put(name, Arrays.copyOf(nums.get(slot[i]), rows));
      } else {
        text.put(name, Arrays.copyOf(texts.get(-1 - slot[i]), rows));
      }
    }
    return new Frame(rows, wanted, numeric, text);
  }

  private static double number(Object v) {
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).doubleValue();
  }

  private static int capacity(List<double[]> nums, List<String[]> texts) {
    return !nums.isEmpty() ? nums.get(0).length : texts.get(0).length;
  }
}
