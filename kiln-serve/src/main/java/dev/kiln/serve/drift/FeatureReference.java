package dev.kiln.serve.drift;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.stats.drift.Counts;
import dev.kiln.stats.drift.DriftTest;

/**
 * One feature as its version's reference profile describes it, with the test and threshold
 * {@code kiln validate --profile} chooses for it; it makes the empty sketch a window counts on.
 */
sealed interface FeatureReference permits NumericFeature, CategoryFeature {
  String name();

  DriftTest test();

  double threshold();

  /** A new, empty sketch for one window. */
  Sketch sketch();

  /** What one window's sketch holds, tested. */
  FeatureDrift test(Sketch s);

  /** What one window's sketch counted, beside the reference, on the cells the count tests use. */
  Counts counts(Sketch s);

  /** The counts one sketch keeps: the memory a window costs for this feature. */
  int cells();
}
