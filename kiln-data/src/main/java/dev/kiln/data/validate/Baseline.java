package dev.kiln.data.validate;

import java.nio.file.Path;

/** What drift compares with: a reference data set, or a profile saved by {@code kiln profile}. */
public sealed interface Baseline permits Baseline.Data, Baseline.SavedProfile {

  Path path();

  /** A data set (file or glob) profiled on the fly; small numeric columns are compared exactly. */
  record Data(Path path) implements Baseline {}

  /** A saved profile; statistics that need raw values are computed from its bins, with a bound. */
  record SavedProfile(Path path) implements Baseline {}
}
