package dev.kiln.model.fairness;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects fairness figures by name: the computed values, the undefined ones with reasons, and notes. */
final class Figures {
  final Map<String, Double> metrics = new LinkedHashMap<>();
  final Map<String, String> undefined = new LinkedHashMap<>();
  final Map<String, String> notes = new LinkedHashMap<>();

  void put(String name, Measure m) {
    if (m instanceof Measure.Known k) {
      metrics.put(name, k.value());
    } else if (m instanceof Measure.Undefined u) {
      undefined.put(name, u.reason());
    }
  }

  void put(String name, double value) {
    metrics.put(name, value);
  }

  void undefined(String name, String reason) {
    undefined.put(name, reason);
  }

  /** Records a note on a computed metric; notes on undefined metrics or blank notes are dropped. */
  void note(String name, String note) {
    if (!note.isBlank() && metrics.containsKey(name)) {
      notes.put(name, note);
    }
  }
}
