package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kiln.core.TestClock;
import dev.kiln.data.check.Suite;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.validate.Baseline;
import dev.kiln.data.validate.Validator;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.drift.DriftWindow;
import dev.kiln.serve.drift.LiveDrift;
import dev.kiln.serve.route.ServedVersion;
import dev.kiln.serve.route.VersionLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * For the same rows against the same profile, every live statistic is the one kiln validate
 * computes: with a small reference (KS, chi-square, z) and a large one (Wasserstein, Jensen–Shannon).
 */
class LiveDriftAgreesWithValidateTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} reference rows, income shifted by {1}")
  @CsvSource({"300, 0, ks, chisquare, z", "300, 8, ks, chisquare, z", "4000, 0, wasserstein, jensenshannon, jensenshannon",
      "4000, 3, wasserstein, jensenshannon, jensenshannon"})
  void theLiveStatisticOfEveryFeatureAndOfThePredictionsIsValidates(int referenceRows, double shift, String numericTest,
      String gradeTest, String labelTest) throws Exception {
    Path bundle = MonitorFixtures.bundle(dir, "credit", 1, MonitorFixtures.rows(referenceRows, 1, 0, false));
    ServedVersion v = new VersionLoader(Batching.OFF).load(bundle);
    List<DriftWindow> closed = new ArrayList<>();
    LiveDrift drift = new LiveDrift(new DriftOptions(true, Duration.ofHours(1), 400, 10),
        new TestClock(Instant.EPOCH), 0.5, Runnable::run);
    drift.addListener(closed::add);
    List<Map<String, Object>> rows = MonitorFixtures.rows(400, 9, shift, shift > 0);
    Columns c = MonitorFixtures.columns(rows);
    Predictions p = v.predict(c);
    drift.record(v, c, p);
    assertThat(closed).hasSize(1);

    List<Map<String, Object>> asLogged = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> r = new LinkedHashMap<>(rows.get(i));
      dev.kiln.model.signature.Task.Classification k = (dev.kiln.model.signature.Task.Classification) v.task();
      r.put("label", Integer.parseInt(k.classes().get(((Predictions.Classes) p).decide(i, k, 0.5))));
      asLogged.add(r);
    }
    Path csv = MonitorFixtures.csv(dir.resolve("window.csv"), asLogged);
    Map<String, DriftResult> offline = new LinkedHashMap<>();
    new Validator(dir).validate(csv.toString(), Suite.empty("(none)"),
        Optional.of(new Baseline.SavedProfile(bundle.resolve("reference-profile.json"))))
        .drift().orElseThrow().columns().forEach(r -> offline.put(r.column(), r));

    List<FeatureDrift> live = new ArrayList<>(closed.get(0).features());
    live.add(closed.get(0).prediction().orElseThrow());
    assertThat(live).extracting(FeatureDrift::feature).containsExactly("age", "income", "grade", "label");
    assertThat(live).extracting(FeatureDrift::test).containsExactly(numericTest, numericTest, gradeTest, labelTest);
    for (FeatureDrift f : live) {
      DriftResult r = offline.get(f.feature());
      assertThat(f.test()).as(f.feature()).isEqualTo(r.test().label());
      assertThat(f.statistic()).as(f.feature()).isCloseTo(r.score(), within(1e-9));
      assertThat(f.threshold()).as(f.feature()).isEqualTo(r.threshold());
      assertThat(f.drifted()).as(f.feature()).isEqualTo(r.drifted());
      assertThat(f.rows()).as(f.feature()).isEqualTo(r.currentCount());
    }
    if (shift > 0) {
      assertThat(closed.get(0).drifted()).contains("income", "grade");
    }
  }

}
