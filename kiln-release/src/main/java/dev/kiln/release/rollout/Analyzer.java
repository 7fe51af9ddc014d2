package dev.kiln.release.rollout;

import dev.kiln.release.gate.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges one interval's measurement against an {@link AnalysisSpec}: an errored measurement is
 * an error; fewer requests than {@code minSamples} is inconclusive; a {@code rollback-if}
 * condition that holds fails the candidate, as does a figure it needs that was not measured. A
 * shadow's agreement and score delta and the shift against the training labels are shown too
 * when measured, judged or not.
 */
public final class Analyzer {
  /** Figures shown with every analysis even when no condition judges them. */
  private static final java.util.Set<String> REPORTED = java.util.Set.of("agreement", "score_delta", "reference_psi");

  private Analyzer() {}

  public static AnalysisVerdict judge(AnalysisSpec spec, Measurement m) {
    if (m.error().isPresent()) {
      return new AnalysisVerdict.Errored(m.error().get());
    }
    if (m.samples() < spec.minSamples()) {
      return new AnalysisVerdict.Inconclusive(m.samples() + " request" + (m.samples() == 1 ? "" : "s")
          + " to the candidate, at least " + spec.minSamples() + " needed to judge it");
    }
    List<String> checks = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Threshold> c : spec.rollbackIf().entrySet()) {
      Double v = m.values().get(c.getKey());
      if (v == null || v.isNaN()) {
        failures.add(name(c.getKey()) + " was not measured");
        continue;
      }
      boolean breached = c.getValue().test(v);
      (breached ? failures : checks).add(name(c.getKey()) + " " + show(c.getKey(), v) + " "
          + relation(c.getValue(), breached) + " " + bound(c.getKey(), c.getValue()));
    }
    m.values().forEach((metric, v) -> {
      if (REPORTED.contains(metric) && !spec.rollbackIf().containsKey(metric) && !v.isNaN()) {
        checks.add(name(metric) + " " + show(metric, v) + " (reported)");
      }
    });
    return failures.isEmpty() ? new AnalysisVerdict.Passed(checks) : new AnalysisVerdict.Failed(failures, checks);
  }

  /** "error_rate" → "error rate"; "latency_p99_ms" → "p99 latency". */
  static String name(String metric) {
    return switch (metric) {
      case "latency_p99_ms" -> "p99 latency";
      case "prediction_psi" -> "prediction PSI";
      case "reference_psi" -> "PSI against the training labels";
      default -> metric.replace('_', ' ');
    };
  }

  /** The relation that holds: the condition's own when breached, its negation when not. */
  private static String relation(Threshold t, boolean breached) {
    return switch (t.op()) {
      case GT -> breached ? ">" : "≤";
      case GE -> breached ? "≥" : "<";
      case LT -> breached ? "<" : "≥";
      case LE -> breached ? "≤" : ">";
      case EQ -> breached ? "=" : "≠";
      case BETWEEN -> breached ? "within" : "outside";
    };
  }

  private static String bound(String metric, Threshold t) {
    if (t.op() == Threshold.Op.BETWEEN) {
      return show(metric, t.bound()) + " to " + show(metric, t.upper());
    }
    return show(metric, t.bound());
  }

  static String show(String metric, double v) {
    if (metric.endsWith("_ms")) {
      return trim(String.format(Locale.ROOT, "%.1f", v)) + " ms";
    }
    if (metric.endsWith("_rate") || metric.equals("agreement")) {
      return trim(String.format(Locale.ROOT, "%.2f", v * 100)) + "%";
    }
    return trim(String.format(Locale.ROOT, "%.3f", v));
  }

  private static String trim(String number) {
    return number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
  }
}
