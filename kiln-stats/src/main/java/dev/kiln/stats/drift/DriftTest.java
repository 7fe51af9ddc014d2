package dev.kiln.stats.drift;

import java.util.Locale;
import java.util.Optional;

/**
 * The statistical tests a drift check can use, with Evidently's default thresholds and
 * comparisons: KS drifts when p ≤ threshold; chi-square and z when p &lt; threshold; the
 * distances (PSI, Wasserstein normalised by the reference's standard deviation, Jensen–Shannon,
 * KL) when the distance ≥ threshold.
 */
public enum DriftTest {
  KS(0.05, true, false),
  CHISQUARE(0.05, true, true),
  Z(0.05, true, true),
  PSI(0.1, false, false),
  WASSERSTEIN(0.1, false, false),
  JENSENSHANNON(0.1, false, false),
  KL(0.1, false, false);

  private final double defaultThreshold;
  private final boolean pValue;
  private final boolean strict;

  DriftTest(double defaultThreshold, boolean pValue, boolean strict) {
    this.defaultThreshold = defaultThreshold;
    this.pValue = pValue;
    this.strict = strict;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public double defaultThreshold() {
    return defaultThreshold;
  }

  /** The test's score is a p-value (small means drift); otherwise a distance (large means drift). */
  public boolean hasPValue() {
    return pValue;
  }

  /** Whether a score crosses the threshold. */
  public boolean drifted(double score, double threshold) {
    if (Double.isNaN(score)) {
      return false;
    }
    if (pValue) {
      return strict ? score < threshold : score <= threshold;
    }
    return score >= threshold;
  }

  /** The comparison in words, for reports: {@code p <= 0.05}, {@code distance >= 0.1}. */
  public String rule(double threshold) {
    return pValue ? "p " + (strict ? "<" : "<=") + " " + threshold : "statistic >= " + threshold;
  }

  /** The test works on categories (as opposed to numbers). */
  public boolean categorical() {
    return this == CHISQUARE || this == Z;
  }

  /** The test needs numeric values. */
  public boolean numericOnly() {
    return this == KS || this == WASSERSTEIN;
  }

  public static Optional<DriftTest> fromLabel(String s) {
    String norm = s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (DriftTest t : values()) {
      if (t.label().equals(norm)) {
        return Optional.of(t);
      }
    }
    if (norm.equals("js") || norm.equals("jensen")) {
      return Optional.of(JENSENSHANNON);
    }
    if (norm.equals("chi2")) {
      return Optional.of(CHISQUARE);
    }
    return Optional.empty();
  }
}
