package dev.kiln.serve.drift;

import dev.kiln.model.signature.Task;
import dev.kiln.serve.input.Field;
import dev.kiln.serve.input.Schema;
import dev.kiln.stats.drift.CategoricalReference;
import dev.kiln.stats.drift.DefaultTests;
import dev.kiln.stats.drift.DriftTest;
import dev.kiln.stats.drift.NumericReference;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.DataType;
import dev.kiln.stats.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a served version's windows are tested against: for each input feature its reference
 * column, test and threshold, chosen as {@code kiln validate --profile} chooses them
 * ({@link DefaultTests#forColumn}, Evidently's defaults), and for the predictions the label's
 * column (decided classes of a classifier, predicted values of a regressor). Features the
 * profile cannot test are listed with the reason, as validate lists them.
 */
record VersionReference(List<FeatureReference> features, int[] fieldIndex, Optional<FeatureReference> prediction,
    List<String> skipped) {

  static VersionReference of(Schema schema, Optional<Profile> profile, String label, Task task) {
    List<FeatureReference> features = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (profile.isEmpty()) {
      return new VersionReference(List.of(), new int[0], Optional.empty(), List.of("the bundle has no reference profile"));
    }
    for (int i = 0; i < schema.size(); i++) {
      Field f = schema.field(i);
      Optional<FeatureReference> r = feature(f.name(), f.numeric(), profile.get(), skipped);
      if (r.isPresent()) {
        features.add(r.get());
        index.add(i);
      }
    }
    Optional<FeatureReference> prediction = label == null ? Optional.empty()
        : feature(label, task instanceof Task.Regression, profile.get(), skipped);
    return new VersionReference(List.copyOf(features), index.stream().mapToInt(Integer::intValue).toArray(), prediction,
        List.copyOf(skipped));
  }

  private static Optional<FeatureReference> feature(String name, boolean numericValues, Profile profile,
      List<String> skipped) {
    Optional<ColumnProfile> rp = profile.column(name);
    if (rp.isEmpty()) {
      skipped.add(name + ": not in the reference");
      return Optional.empty();
    }
    ColumnProfile c = rp.get();
    Optional<DriftTest> test = DefaultTests.forColumn(c, Optional.empty());
    if (test.isEmpty()) {
      skipped.add(name + (c.nonMissing() == 0 ? ": no values in the reference" : ": " + c.distinct()
          + " distinct values, too many for a categorical test"));
      return Optional.empty();
    }
    DriftTest t = test.get();
    if (c.numeric().isPresent()) {
      return Optional.of(NumericFeature.of(name, new NumericReference(c.numeric().get(), c.nonMissing()), t,
          t.defaultThreshold()));
    }
    boolean bool = c.type() == DataType.BOOLEAN;
    if (numericValues && !bool) {
      skipped.add(name + ": its type changed from " + c.type().label() + " to a number");
      return Optional.empty();
    }
    return Optional.of(CategoryFeature.of(name, new CategoricalReference(c), bool, t, t.defaultThreshold()));
  }

  /** The counts one window keeps, over every feature and the predictions. */
  int cells() {
    return features.stream().mapToInt(FeatureReference::cells).sum() + prediction.map(FeatureReference::cells).orElse(0);
  }
}
