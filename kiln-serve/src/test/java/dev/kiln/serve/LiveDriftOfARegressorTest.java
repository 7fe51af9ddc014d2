package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.TestClock;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.release.monitor.PredictionDistribution;
import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.drift.DriftWindow;
import dev.kiln.serve.drift.LiveDrift;
import dev.kiln.serve.route.ServedVersion;
import dev.kiln.serve.route.VersionLoader;
import dev.kiln.stats.drift.NumericReference;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A regressor's closed window counts every predicted value on the deciles of the reference's label. */
class LiveDriftOfARegressorTest {
  @Test
  void aClosedWindowCountsEveryPredictedValueOnTheReferenceLabelsDecileBins(@TempDir Path dir) throws Exception {
    Path csv = TestBundles.fixture("xgb_test.csv");
    Path model = TestBundles.xgboostRegression(dir, "amounts", 1);
    java.nio.file.Files.writeString(model.resolve("model/model.yaml"), "file: model.json\nlabel: amount\n");
    Path bundle = MonitorFixtures.withProfile(model, csv);
    ServedVersion version = new VersionLoader(Batching.OFF).load(bundle);
    List<DriftWindow> closed = new ArrayList<>();
    LiveDrift drift = new LiveDrift(new DriftOptions(true, Duration.ofHours(1), 60, 10),
        new TestClock(Instant.parse("2026-01-01T00:00:00Z")), 0.5, Runnable::run);
    drift.addListener(closed::add);
    Columns rows = Labelled.columns(csv, Set.of("age", "income", "debt_ratio", "accounts", "amount"));
    Predictions p = version.predict(rows);
    drift.record(version, rows, p);

    ColumnProfile amount = Profile.read(bundle.resolve("reference-profile.json")).column("amount").orElseThrow();
    List<Double> upper = new NumericReference(amount.numeric().orElseThrow(), amount.nonMissing()).decileBoundaries();
    long[] expected = new long[upper.size()];
    for (double v : ((Predictions.Scores) p).values()) {
      int bin = 0;
      while (v > upper.get(bin)) {
        bin++;
      }
      expected[bin]++;
    }
    assertThat(closed).singleElement().satisfies(w -> {
      PredictionDistribution d = w.distribution().orElseThrow();
      assertThat(d.bins()).hasSize(upper.size()).startsWith("<= " + NumericReference.label(upper.get(0)))
          .endsWith("> " + NumericReference.label(upper.get(upper.size() - 2)));
      assertThat(d.current()).containsExactlyElementsOf(java.util.Arrays.stream(expected).boxed().toList());
      assertThat(d.currentTotal()).isEqualTo(60);
      assertThat(d.reference().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
      assertThat(w.prediction().orElseThrow().rows()).isEqualTo(60);
    });
    assertThat(java.util.Arrays.stream(expected).filter(c -> c > 0).count()).as("the predictions spread over bins")
        .isGreaterThan(3);
  }
}
