package dev.kiln.serve.metrics;

import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One version's prediction distribution: rows per request, rows per decided class
 * ({@code kiln_predictions_total}) and a histogram of the score
 * ({@code kiln_prediction_score}: the positive class's probability, the top probability of a
 * multi-class model, or a regressor's number).
 */
final class Outcomes {
  private final MeterRegistry registry;
  private final String model;
  private final String version;
  private final DistributionSummary rows;
  private final ConcurrentHashMap<String, Counter> classes = new ConcurrentHashMap<>();
  private volatile DistributionSummary score;

  Outcomes(MeterRegistry registry, String model, String version) {
    this.registry = registry;
    this.model = model;
    this.version = version;
    this.rows = DistributionSummary.builder("kiln.request.rows").description("Rows per prediction request")
        .tag("model", model).tag("version", version).publishPercentileHistogram().register(registry);
  }

  void record(Task task, Predictions p, double threshold) {
    rows.record(p.rows());
    if (p instanceof Predictions.Classes c && task instanceof Task.Classification k) {
      DistributionSummary s = score(true);
      int pos = k.binary() ? k.positiveIndex() : -1;
      for (int r = 0; r < c.rows(); r++) {
        int d = c.decide(r, k, threshold);
        counter(k.classes().get(d)).increment();
        s.record(c.probabilities()[r][pos >= 0 ? pos : d]);
      }
    } else if (p instanceof Predictions.Scores s) {
      DistributionSummary h = score(false);
      for (double v : s.values()) {
        h.record(v);
      }
    }
  }

  private Counter counter(String cls) {
    return classes.computeIfAbsent(cls, c -> Counter.builder("kiln.predictions").description("Rows by decided class")
        .tag("model", model).tag("version", version).tag("class", c).register(registry));
  }

  private DistributionSummary score(boolean probability) {
    DistributionSummary s = score;
    if (s == null) {
      DistributionSummary.Builder b = DistributionSummary.builder("kiln.prediction.score")
          .description("The positive class's probability, or the predicted number").tag("model", model)
          .tag("version", version);
      s = (probability ? b.serviceLevelObjectives(GatewayMetrics.probabilityBuckets()) : b.publishPercentileHistogram())
          .register(registry);
      score = s;
    }
    return s;
  }
}
