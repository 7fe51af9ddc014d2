package dev.kiln.release.rollout;

import dev.kiln.core.config.Durations;
import dev.kiln.release.gate.Threshold;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout strategy as people write it — on the command line ({@code kiln deploy}) or in a
 * deploy stage's {@code with:} — turned into a {@link Strategy}, with the defaults careful teams
 * use: canary steps 10, 25, 50, 100 every 30 s; an analysis that rolls back on an error rate over
 * 1%, a p99 over 50 ms or a prediction PSI over 0.25 against stable, judged on at least 50
 * requests, one failure tolerated (a shadow also on agreeing with the primary on fewer than 75% of
 * rows); blue-green switching as soon as the candidate is ready and
 * keeping the old version warm for 5 minutes; shadow mirroring 100% for 3 intervals. Every
 * mistake is an {@link IllegalArgumentException} that names the option and what it takes.
 */
public record StrategyOptions(String kind, Optional<String> steps, Optional<String> interval,
    Map<String, String> rollbackIf, Optional<Integer> failureLimit, Optional<Long> minSamples,
    Optional<String> mirror, Optional<Integer> intervals, Optional<Boolean> autoPromote, Optional<String> keepWarm,
    Optional<String> stickyHeader) {

  public static final List<String> KINDS = List.of("replace", "blue-green", "canary", "shadow");
  public static final List<String> METRICS = List.of("error_rate", "latency_p99_ms", "prediction_psi",
      "reference_psi", "agreement", "score_delta");

  public StrategyOptions {
    rollbackIf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rollbackIf));
  }

  /** Only the kind; every setting at its default. */
  public static StrategyOptions of(String kind) {
    return new StrategyOptions(kind, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public Strategy toStrategy() {
    Duration every = interval.map(t -> duration("interval", t)).orElse(Duration.ofSeconds(30));
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "replace" -> {
        only("replace", steps, "steps", mirror, "mirror", stickyHeader, "sticky-header");
        return new Strategy.Replace();
      }
      case "blue-green", "bluegreen" -> {
        only("blue-green", steps, "steps", mirror, "mirror", stickyHeader, "sticky-header");
        Optional<AnalysisSpec> pre = rollbackIf.isEmpty() ? Optional.empty() : Optional.of(analysis(false));
        return new Strategy.BlueGreen(pre, every, autoPromote.orElse(true),
            keepWarm.map(t -> duration("keep-warm", t)).orElse(Duration.ofMinutes(5)));
      }
      case "canary" -> {
        only("canary", mirror, "mirror", Optional.empty(), "", Optional.empty(), "");
        return new Strategy.Canary(parseSteps(steps.orElse("10,25,50,100")), every, analysis(false), stickyHeader);
      }
      case "shadow" -> {
        only("shadow", steps, "steps", stickyHeader, "sticky-header", Optional.empty(), "");
        return new Strategy.Shadow(percent(mirror.orElse("100%")), intervals.orElse(3), every, analysis(true),
            autoPromote.orElse(false));
      }
      default -> throw new IllegalArgumentException("unknown strategy '" + kind + "': use one of "
          + String.join(", ", KINDS));
    }
  }

  private AnalysisSpec analysis(boolean shadow) {
    Map<String, Threshold> conditions = new LinkedHashMap<>();
    Map<String, String> written = rollbackIf.isEmpty() ? defaults(shadow) : rollbackIf;
    for (Map.Entry<String, String> e : written.entrySet()) {
      if (!METRICS.contains(e.getKey())) {
        throw new IllegalArgumentException("unknown analysis metric '" + e.getKey() + "': the gateway measures "
            + String.join(", ", METRICS));
      }
      try {
        conditions.put(e.getKey(), Threshold.parse(e.getValue(), false));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("analysis " + e.getKey() + ": " + bad.getMessage());
      }
    }
    int limit = failureLimit.orElse(AnalysisSpec.DEFAULT_FAILURE_LIMIT);
    long min = minSamples.orElse(AnalysisSpec.DEFAULT_MIN_SAMPLES);
    if (limit < 0 || min < 0) {
      throw new IllegalArgumentException("failure-limit and min-samples cannot be negative");
    }
    return new AnalysisSpec(conditions, min, limit, AnalysisSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT);
  }

  private static Map<String, String> defaults(boolean shadow) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("error_rate", "> 0.01");
    m.put("latency_p99_ms", "> 50");
    m.put("prediction_psi", "> 0.25");
    if (shadow) {
      m.put("agreement", "< 0.75");
    }
    return m;
  }

  /** "10,25,pause,50,pause 2m,100": weights in percent, pauses until resumed or for a time. */
  static List<CanaryStep> parseSteps(String text) {
    List<CanaryStep> out = new ArrayList<>();
    int last = 0;
    for (String raw : text.split(",")) {
      String s = raw.trim().toLowerCase(Locale.ROOT);
      if (s.equals("pause")) {
        out.add(new CanaryStep.Pause(Optional.empty()));
      } else if (s.startsWith("pause ")) {
        out.add(new CanaryStep.Pause(Optional.of(duration("steps", s.substring(6).trim()))));
      } else {
        int w = percent(s);
        if (w <= last) {
          throw new IllegalArgumentException("steps: weights must rise, but " + w + "% follows " + last + "% in '"
              + text + "'");
        }
        last = w;
        out.add(new CanaryStep.Weight(w));
      }
    }
    if (out.stream().noneMatch(s -> s instanceof CanaryStep.Weight)) {
      throw new IllegalArgumentException("steps: '" + text + "' has no weight; write e.g. 10,25,50,100");
    }
    return out;
  }

  private static int percent(String text) {
    String t = text.trim().endsWith("%") ? text.trim().substring(0, text.trim().length() - 1).trim() : text.trim();
    try {
      int p = Integer.parseInt(t);
      if (p < 1 || p > 100) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a percentage from 1 to 100");
    }
  }

  private static Duration duration(String option, String text) {
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || (d.isZero() && !option.equals("keep-warm"))) {
        throw new IllegalArgumentException("it must be longer than 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": '" + text + "': " + e.getMessage());
    }
  }

  private static void only(String kind, Optional<?> a, String an, Optional<?> b, String bn, Optional<?> c, String cn) {
    for (var x : List.of(Map.entry(an, a), Map.entry(bn, b), Map.entry(cn, c))) {
      if (x.getValue().isPresent()) {
        throw new IllegalArgumentException(x.getKey() + " does not apply to a " + kind + " rollout");
      }
    }
  }
}
