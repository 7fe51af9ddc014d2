package dev.kiln.release.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Applies a {@link GateSpec} to the metrics of the gate's upstream stages and, for change
 * checks, to the baseline version's metrics (TFX/MLflow semantics): value bounds are inclusive
 * unless strict; {@code diff = candidate − baseline}; a floor ({@code >=}) means higher is
 * better and passes when {@code diff ≥ bound}; relative bounds divide by the baseline; a missing
 * metric fails; without a baseline, change checks are skipped and a note says so.
 */
public final class GateEvaluator {
  private final Map<String, Map<String, Double>> upstream;
  private final Map<String, String> undefined;

  /** @param upstream metrics of each upstream stage, by stage name, in pipeline order */
  public GateEvaluator(Map<String, Map<String, Double>> upstream) {
    this(upstream, Map.of());
  }

  /**
   * @param upstream metrics of each upstream stage, by stage name, in pipeline order
   * @param undefined metrics an upstream stage could not compute, with the reason it gave
   */
  public GateEvaluator(Map<String, Map<String, Double>> upstream, Map<String, String> undefined) {
    this.upstream = upstream;
    this.undefined = Map.copyOf(undefined);
  }

  /**
   * The value each metric the gate reads has now, or why it has none: what the verdict depends
   * on, besides the baseline. Keys are "metric NAME".
   */
  public Map<String, Object> inputs(GateSpec spec) {
    Map<String, Object> out = new java.util.TreeMap<>();
    TreeSet<String> names = new TreeSet<>(spec.require().keySet());
    names.addAll(spec.change().keySet());
    for (String metric : names) {
      Lookup v = lookup(metric);
      out.put("metric " + metric, v.error == null ? (Object) v.value : "missing");
    }
    return out;
  }

  /**
   * The verdict of {@code spec}; change checks compare with {@code baseline} when there is one.
   *
   * @param baselineLabel how to name the missing baseline in the note ("production of credit-risk")
   */
  public GateVerdict evaluate(GateSpec spec, Optional<Baseline> baseline, String baselineLabel) {
    List<GateVerdict.Check> checks = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    spec.require().forEach((metric, t) -> checks.add(value(metric, t)));
    if (!spec.change().isEmpty()) {
      if (baseline.isEmpty()) {
        notes.add("no baseline (" + baselineLabel + ") yet: change checks skipped");
      } else {
        spec.change().forEach((metric, t) -> checks.add(change(metric, t, baseline.get())));
      }
    }
    boolean blessed = checks.stream().allMatch(GateVerdict.Check::passed);
    return new GateVerdict(blessed, checks, notes);
  }

  private GateVerdict.Check value(String metric, Threshold t) {
    Lookup v = lookup(metric);
    if (v.error != null) {
      return new GateVerdict.Check(metric, false, v.error);
    }
    String name = bare(metric);
    if (t.test(v.value)) {
      return new GateVerdict.Check(metric, true, name + " " + fmt(v.value) + " meets " + t.text());
    }
    String bound = t.op() == Threshold.Op.BETWEEN ? "outside " + t.boundText() : t.violated() + " " + t.boundText();
    return new GateVerdict.Check(metric, false, name + " " + fmt(v.value) + " " + bound + " required");
  }

  private GateVerdict.Check change(String metric, Threshold t, Baseline base) {
    String label = base.label();
    Lookup v = lookup(metric);
    if (v.error != null) {
      return new GateVerdict.Check(metric, false, v.error);
    }
    String name = bare(metric);
    Double b = base.metrics().get(name);
    String against = label + " (v" + base.version() + ", " + (b == null ? "-" : fmt(b)) + ")";
    if (b == null) {
      return new GateVerdict.Check(metric, false, name + " is missing from " + label + " (v" + base.version()
          + "): cannot compare");
    }
    double diff = v.value - b;
    double measured = t.relative() ? diff / b : diff;
    if (t.relative() && (b == 0 || Double.isNaN(measured))) {
      return new GateVerdict.Check(metric, false, name + ": relative change against " + against
          + " is undefined (baseline is 0)");
    }
    String moved = diff < 0 ? "fell " : diff > 0 ? "rose " : "did not change ";
    String amount = diff == 0 ? "" : t.relative() ? pct(Math.abs(measured)) + " " : fmt(Math.abs(diff)) + " ";
    boolean demandsImprovement = t.higherIsBetter() ? t.bound() > 0 : t.bound() < 0;
    String allowed = (demandsImprovement ? "required " : "allowed ") + signed(t.bound(), t.relative());
    boolean ok = t.test(measured);
    return new GateVerdict.Check(metric, ok, name + " " + moved + amount + "against " + against + "; " + allowed);
  }

  /** A metric's value, or why there is none. */
  private record Lookup(double value, String error) {}

  private Lookup lookup(String metric) {
    int colon = metric.indexOf(':');
    if (colon > 0) {
      String stage = metric.substring(0, colon);
      String name = metric.substring(colon + 1);
      Map<String, Double> m = upstream.get(stage);
      if (m == null) {
        return new Lookup(0, "'" + stage + "' is not an upstream stage of this gate (upstream: "
            + String.join(", ", upstream.keySet()) + ")");
      }
      Double v = m.get(name);
      if (v == null && undefined.containsKey(name)) {
        return new Lookup(0, "'" + name + "' is undefined: " + undefined.get(name));
      }
      return v == null ? new Lookup(0, "stage '" + stage + "' did not produce '" + name + "'" + available(name, m.keySet()))
          : new Lookup(v, null);
    }
    List<String> from = new ArrayList<>();
    Double found = null;
    boolean conflict = false;
    for (Map.Entry<String, Map<String, Double>> e : upstream.entrySet()) {
      Double v = e.getValue().get(metric);
      if (v != null) {
        from.add(e.getKey());
        conflict |= found != null && !found.equals(v);
        found = v;
      }
    }
    if (found == null && undefined.containsKey(metric)) {
      return new Lookup(0, "'" + metric + "' is undefined: " + undefined.get(metric));
    }
    if (found == null) {
      TreeSet<String> all = new TreeSet<>();
      upstream.values().forEach(m -> all.addAll(m.keySet()));
      return new Lookup(0, "'" + metric + "' was not produced by any upstream stage" + available(metric, all));
    }
    if (conflict) {
      return new Lookup(0, "'" + metric + "' comes from several stages with different values (" + String.join(", ", from)
          + "); name one, e.g. '" + from.get(0) + ":" + metric + "'");
    }
    return new Lookup(found, null);
  }

  /** What exists instead: a suggestion, then the names that share the metric's prefix (or all). */
  private static String available(String metric, java.util.Collection<String> names) {
    if (names.isEmpty()) {
      return " (no upstream stage recorded any metric)";
    }
    String hint = dev.kiln.core.config.Suggestions.hint(metric, names);
    int dot = metric.lastIndexOf('.');
    List<String> related = dot < 0 ? List.of()
        : new TreeSet<>(names).stream().filter(n -> n.startsWith(metric.substring(0, dot + 1))).toList();
    List<String> list = related.isEmpty() ? new ArrayList<>(new TreeSet<>(names)) : related;
    if (!hint.isEmpty()) {
      return hint + available(list);
    }
    return available(list);
  }

  private static String available(List<String> list) {
    String shown = String.join(", ", list.subList(0, Math.min(15, list.size())));
    return " (available: " + shown + (list.size() > 15 ? ", … " + (list.size() - 15) + " more" : "") + ")";
  }

  private static String bare(String metric) {
    int colon = metric.indexOf(':');
    return colon > 0 ? metric.substring(colon + 1) : metric;
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains("e")) {
      return s;
    }
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static String pct(double ratio) {
    return fmt(ratio * 100) + "%";
  }

  private static String signed(double bound, boolean relative) {
    String mag = relative ? pct(Math.abs(bound)) : fmt(Math.abs(bound));
    return (bound < 0 ? "−" : bound > 0 ? "+" : "") + mag;
  }
}
