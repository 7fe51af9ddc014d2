package dev.kiln.data.check;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Collects the quantile levels every check wants of a column, so each column is sorted once. */
final class QuantileSlots {
  private final Map<String, TreeSet<Double>> levels = new HashMap<>();
  private final Map<String, Integer> slots = new HashMap<>();
  private final Map<String, List<Double>> planned = new HashMap<>();

  void request(Col col, double level) {
    levels.computeIfAbsent(col.name(), k -> new TreeSet<>()).add(level);
  }

  int plan(Col col, Aggregates scan) {
    return slots.computeIfAbsent(col.name(), k -> {
      List<Double> l = new ArrayList<>(levels.get(k));
      planned.put(k, l);
      return scan.add("quantile_cont(" + col.number() + ", " + Sql.numbers(l) + ")");
    });
  }

  Double value(Col col, double level, Row row) {
    List<Double> values = row.doubles(slots.get(col.name()));
    int i = planned.get(col.name()).indexOf(level);
    return values.isEmpty() ? null : values.get(i);
  }
}
