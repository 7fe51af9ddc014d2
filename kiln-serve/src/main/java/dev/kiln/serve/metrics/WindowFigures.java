package dev.kiln.serve.metrics;

/**
 * One version's figures over one analysis window: requests, server errors, the p99 latency in
 * ms (NaN without requests; 5% resolution), a sorted sample of its prediction scores, and for
 * a shadow the rows that agreed with the primary's answers out of those compared and the sum of
 * absolute score differences, the rows decided per class (classifiers), and the median latency
 * in ms (as the p99).
 */
public record WindowFigures(long requests, long errors, double p99Millis, double[] scores, long agreed,
    long compared, double scoreDeltas, java.util.Map<String, Long> decided, double p50Millis) {

  /** Server errors per request; NaN without requests. */
  public double errorRate() {
    return requests == 0 ? Double.NaN : (double) errors / requests;
  }

  /** Mean absolute difference of a shadow's scores from the primary's; NaN when none were compared. */
  public double scoreDelta() {
    return compared == 0 ? Double.NaN : scoreDeltas / compared;
  }

  /** Share of compared rows that agreed; NaN when none were compared. */
  public double agreement() {
    return compared == 0 ? Double.NaN : (double) agreed / compared;
  }
}
