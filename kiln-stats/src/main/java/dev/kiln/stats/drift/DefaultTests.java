package dev.kiln.stats.drift;

/**
 * Evidently's choice of drift test ({@code registry.py::_get_default_stattest}): with at most
 * 1000 reference values, KS for numeric columns with more than 5 distinct values, chi-square for
 * 3–5 (and for categorical columns with more than 2), the z-test for 2 or fewer; with more
 * reference values, Wasserstein (normalised) for numeric columns with more than 5 distinct values
 * and Jensen–Shannon otherwise. Kiln counts distinct values on the reference (Evidently on
 * reference and current together), so the test is fixed before the single scan.
 */
public final class DefaultTests {
  public static final long SMALL_REFERENCE = 1000;

  private DefaultTests() {}

  public static DriftTest choose(boolean numeric, long referenceValues, long distinct) {
    if (referenceValues <= SMALL_REFERENCE) {
      if (numeric && distinct > 5) {
        return DriftTest.KS;
      }
      if (numeric) {
        return distinct > 2 ? DriftTest.CHISQUARE : DriftTest.Z;
      }
      return distinct > 2 ? DriftTest.CHISQUARE : DriftTest.Z;
    }
    return numeric && distinct > 5 ? DriftTest.WASSERSTEIN : DriftTest.JENSENSHANNON;
  }

  /**
   * The test for one reference column: {@code configured} when set, else {@link #choose}; empty for
   * a text column whose profile lists only its most frequent values (too many distinct values for a
   * categorical test unless one is named) or a column without values in the reference.
   */
  public static java.util.Optional<DriftTest> forColumn(dev.kiln.stats.profile.ColumnProfile reference,
      java.util.Optional<DriftTest> configured) {
    if (reference.nonMissing() == 0) {
      return java.util.Optional.empty();
    }
    boolean numeric = reference.numeric().isPresent();
    if (configured.isEmpty() && !numeric && reference.categories().map(c -> !c.complete()).orElse(true)) {
      return java.util.Optional.empty();
    }
    return configured.or(() -> java.util.Optional.of(choose(numeric, reference.nonMissing(), reference.distinct())));
  }
}
