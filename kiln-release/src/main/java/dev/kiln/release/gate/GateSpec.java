package dev.kiln.release.gate;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.Durations;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.ScalarNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gate's configuration ({@code uses: gate}, {@code with:}): value thresholds, an optional
 * baseline with change thresholds, and how approval works.
 *
 * <pre>
 * require:  { auc: ">= 0.80", latency.p99_ms: "<= 5", "evaluate:f1": "between 0.6 and 1" }
 * baseline: production        # an alias of the model (or NAME@ALIAS)
 * model:    credit-risk       # default: the name a register stage of the pipeline uses
 * change:   { auc: ">= -0.005", latency.p99_ms: "<= 10%" }
 * approval: manual            # or auto (default: none)
 * timeout:  24h               # an unanswered manual approval is rejected after this
 * </pre>
 */
public record GateSpec(
    Map<String, Threshold> require,
    Optional<String> baseline,
    Optional<String> model,
    Map<String, Threshold> change,
    Approval approval,
    Optional<Duration> timeout) {

  static final List<String> KEYS = List.of("require", "baseline", "model", "change", "approval", "timeout");

  /** How a blessed model gets through. */
  public enum Approval { NONE, AUTO, MANUAL }

  public GateSpec {
    require = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(require));
    change = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(change));
  }

  /** Checks {@code with:} and reports every problem at its location. */
  public static void validate(MapNode with, ConfigReader r) {
    r.allowOnly(with, KEYS);
    thresholds(with, "require", false, r);
    thresholds(with, "change", true, r);
    r.string(with, "baseline");
    r.string(with, "model");
    r.string(with, "approval").ifPresent(a -> {
      if (!List.of("manual", "auto", "none").contains(a)) {
        r.problems().add(with.get("approval").get(), "approval must be manual, auto or none, not '" + a + "'");
      }
    });
    r.duration(with, "timeout");
    if (with.has("change") && !with.has("baseline")) {
      r.problems().add(with.get("change").get(), "change checks compare with a baseline: add 'baseline: ALIAS'");
    }
    if (!with.has("require") && !with.has("change") && !with.has("approval")) {
      r.problems().add(with, "a gate needs 'require', 'change' or 'approval': with nothing to check it would bless "
          + "every model");
    }
    if (with.has("timeout") && !"manual".equals(with.get("approval").map(n -> n.toPlain()).orElse(null))) {
      r.problems().add(with.get("timeout").get(), "'timeout' applies to 'approval: manual'");
    }
  }

  private static void thresholds(MapNode with, String key, boolean relative, ConfigReader r) {
    r.map(with, key).ifPresent(m -> {
      for (MapNode.Field f : m.fields()) {
        Node v = f.value();
        if (!(v instanceof ScalarNode s) || s.isNull()) {
          r.problems().add(v, "expected a threshold such as \">= 0.8\", found " + v.describe());
          continue;
        }
        try {
          Threshold.parse(s.text(), relative);
        } catch (IllegalArgumentException e) {
          r.problems().add(v, e.getMessage());
        }
      }
    });
  }

  /** Reads a validated {@code with:}. */
  public static GateSpec from(Map<String, Object> with) {
    Map<String, Threshold> require = new LinkedHashMap<>();
    Map<String, Threshold> change = new LinkedHashMap<>();
    read(with.get("require"), false, require);
    read(with.get("change"), true, change);
    Approval approval = switch (String.valueOf(with.getOrDefault("approval", "none"))) {
      case "manual" -> Approval.MANUAL;
      case "auto" -> Approval.AUTO;
      default -> Approval.NONE;
    };
    Optional<Duration> timeout = Optional.ofNullable(with.get("timeout")).map(t -> Durations.parse(String.valueOf(t)));
    return new GateSpec(require, Optional.ofNullable((String) with.get("baseline")),
        Optional.ofNullable((String) with.get("model")), change, approval, timeout);
  }

  private static void read(Object section, boolean relative, Map<String, Threshold> into) {
    if (section instanceof Map<?, ?> m) {
      m.forEach((k, v) -> into.put(String.valueOf(k), Threshold.parse(String.valueOf(v), relative)));
    }
  }
}
