package dev.kiln.serve.control;

import dev.kiln.release.rollout.AnalysisSpec;
import dev.kiln.release.rollout.Measurement;
import dev.kiln.serve.metrics.WindowFigures;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one window's figures of a candidate and the stable version into the {@link Measurement}
 * an analysis judges: {@code error_rate} (server errors per request), {@code latency_p99_ms}
 * and {@code prediction_psi} (the candidate's scores against stable's, {@link PredictionShift}),
 * for a shadow {@code agreement} (rows answered as the primary did) and {@code score_delta} (the
 * mean absolute difference of its scores from the primary's), {@code reference_psi} (the classes
 * the candidate decided against the label's classes in its training data's reference profile),
 * with stable's own error rate and p99 beside them for the record. The candidate's request
 * count is the sample size. When the analysis needs the prediction shift and either version
 * scored fewer than {@value #MIN_SCORES} rows, the measurement is an error, not a failure.
 */
public final class Measurer {
  static final int MIN_SCORES = 20;

  private Measurer() {}

  public static Measurement measure(AnalysisSpec spec, WindowFigures candidate, WindowFigures stable, Instant at) {
    return measure(spec, candidate, stable, Map.of(), at);
  }

  /** With the label shares of the candidate's training data, for {@code reference_psi}. */
  public static Measurement measure(AnalysisSpec spec, WindowFigures candidate, WindowFigures stable,
      Map<String, Double> referenceLabels, Instant at) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (candidate.requests() > 0) {
      values.put("error_rate", candidate.errorRate());
      values.put("latency_p99_ms", candidate.p99Millis());
    }
    if (stable.requests() > 0) {
      values.put("stable_error_rate", stable.errorRate());
      values.put("stable_latency_p99_ms", stable.p99Millis());
    }
    if (candidate.compared() > 0) {
      values.put("agreement", candidate.agreement());
      values.put("score_delta", candidate.scoreDelta());
    }
    long decided = candidate.decided().values().stream().mapToLong(Long::longValue).sum();
    if (!referenceLabels.isEmpty() && decided >= MIN_SCORES) {
      values.put("reference_psi", PredictionShift.psi(referenceLabels, candidate.decided()));
    }
    boolean shiftNeeded = spec.rollbackIf().containsKey("prediction_psi");
    if (candidate.scores().length >= MIN_SCORES && stable.scores().length >= MIN_SCORES) {
      values.put("prediction_psi", PredictionShift.psi(stable.scores(), candidate.scores()));
    } else if (shiftNeeded && candidate.requests() >= spec.minSamples()) {
      return Measurement.failed(at, "the prediction shift needs " + MIN_SCORES + " scored rows from each version; "
          + "the candidate had " + candidate.scores().length + ", stable " + stable.scores().length);
    }
    return Measurement.of(at, candidate.requests(), values);
  }
}
