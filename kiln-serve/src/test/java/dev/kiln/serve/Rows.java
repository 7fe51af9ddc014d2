package dev.kiln.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixture CSV (no quoting) as rows of JSON-ready values: numbers where they parse, null where empty. */
record Rows(List<String> columns, List<List<Object>> values) {

  static Rows read(Path csv, List<String> keep) {
    try {
      List<String> lines = Files.readAllLines(csv);
      List<String> header = List.of(lines.get(0).split(",", -1));
      List<List<Object>> values = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        List<Object> row = new ArrayList<>();
        for (String c : keep) {
          String v = cells[header.indexOf(c)];
          row.add(v.isEmpty() ? null : number(v));
        }
        values.add(row);
      }
      return new Rows(keep, values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object number(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  int size() {
    return values.size();
  }

  /** {"columns": [...], "data": [[...]]}. */
  Map<String, Object> split() {
    return Map.of("columns", columns, "data", values);
  }

  List<Map<String, Object>> records() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<Object> row : values) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        m.put(columns.get(c), row.get(c));
      }
      out.add(m);
    }
    return out;
  }

  Map<String, List<Object>> columnar() {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      List<Object> col = new ArrayList<>();
      for (List<Object> row : values) {
        col.add(row.get(c));
      }
      out.put(columns.get(c), col);
    }
    return out;
  }

  /** One v2 tensor per column, of the given datatypes. */
  List<Map<String, Object>> tensors(Map<String, String> datatypes) {
    List<Map<String, Object>> out = new ArrayList<>();
    columnar().forEach((name, data) -> {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("name", name);
      t.put("shape", List.of(data.size()));
      t.put("datatype", datatypes.getOrDefault(name, "FP64"));
      t.put("data", datatypes.getOrDefault(name, "FP64").startsWith("INT")
          ? data.stream().map(v -> v == null ? null : (Object) ((Double) v).longValue()).toList() : data);
      out.add(t);
    });
    return out;
  }

  String csv() {
    StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
    for (List<Object> row : values) {
      List<String> cells = new ArrayList<>();
      for (Object v : row) {
        cells.add(v == null ? "" : v.toString());
      }
      sb.append(String.join(",", cells)).append('\n');
    }
    return sb.toString();
  }
}
