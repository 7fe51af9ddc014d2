package dev.kiln.release.gate;

import java.util.List;

/**
 * A gate's decision: blessed or not, every check with its outcome in words, and notes (such
 * as "no production version yet: change checks skipped").
 */
public record GateVerdict(boolean blessed, List<Check> checks, List<String> notes) {

  /** One threshold applied to one metric. */
  public record Check(String metric, boolean passed, String text) {}

  public GateVerdict {
    checks = List.copyOf(checks);
    notes = List.copyOf(notes);
  }

  public List<Check> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** Every check and note as lines: "✔ auc 0.812 ≥ 0.80", "✘ …", "· note". */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>();
    checks.forEach(c -> out.add((c.passed() ? "pass: " : "FAIL: ") + c.text()));
    notes.forEach(n -> out.add("note: " + n));
    return out;
  }
}
