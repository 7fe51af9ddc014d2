package dev.kiln.serve.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.TestClock;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.PredictionDistribution;
import dev.kiln.serve.drift.DriftWindow;
import dev.kiln.serve.metrics.LiveWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T12:00:00Z"));
  private final List<MonitorWindow> out = new ArrayList<>();
  private final Set<Integer> watched = new java.util.HashSet<>(Set.of(2));
  private final WindowAssembler assembler = new WindowAssembler("production", "churn", new LiveWindows(),
      Duration.ofMinutes(1), clock, watched::contains, out::add);

  private static final PredictionDistribution DISTRIBUTION = PredictionDistribution.of(List.of("no", "yes", "(other)"),
      new long[] {700, 300, 0}, new long[] {340, 160, 0});

  private DriftWindow drift(String model, int version) {
    return new DriftWindow(model, version, clock.instant().minusSeconds(30), clock.instant(), 500,
        List.of(new FeatureDrift("tenure", "wasserstein", 0.3, 0.1, true, 0.4, 500)),
        Optional.of(new FeatureDrift("churned", "jensenshannon", 0.02, 0.1, false, 0.01, 500)),
        Optional.of(DISTRIBUTION));
  }

  @Test
  void aClosedDriftWindowClosesItsVersionsMonitorWindowWithTheLatestLiveAccuracy() {
    assembler.tick(List.of(2));
    clock.advance(Duration.ofSeconds(30));
    assembler.accuracy("churn", 2, 250, Map.of("auc", 0.74));
    assembler.accuracy("other", 2, 999, Map.of("auc", 0.1));
    assembler.drift(drift("churn", 2));
    assembler.drift(drift("other", 2));
    assertThat(out).singleElement().satisfies(w -> {
      assertThat(w.environment()).isEqualTo("production");
      assertThat(w.version()).isEqualTo("2");
      assertThat(w.start()).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
      assertThat(w.end()).isEqualTo(Instant.parse("2026-12-06T12:00:30Z"));
      assertThat(w.features()).extracting(FeatureDrift::feature).containsExactly("tenure");
      assertThat(w.prediction()).map(FeatureDrift::feature).contains("churned");
      assertThat(w.distribution()).as("the predictions' distribution, as the drift window counted it").contains(DISTRIBUTION);
      assertThat(w.labels()).isEqualTo(250);
      assertThat(w.accuracy()).containsEntry("auc", 0.74);
    });
    clock.advance(Duration.ofSeconds(30));
    assembler.drift(drift("churn", 2));
    assertThat(out.get(1).labels()).as("a labels window counts once").isZero();
    assertThat(out.get(1).start()).isEqualTo(out.get(0).end());
  }

  @Test
  void aVersionWithoutDriftClosesTrafficOnlyWindowsEveryPeriodAndALateOneAfterTwo() {
    assembler.tick(List.of(1, 2));
    clock.advance(Duration.ofSeconds(59));
    assembler.tick(List.of(1, 2));
    assertThat(out).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assembler.tick(List.of(1, 2));
    assertThat(out).singleElement().satisfies(w -> {
      assertThat(w.version()).isEqualTo("1");
      assertThat(w.features()).isEmpty();
      assertThat(w.distribution()).isEmpty();
    });
    clock.advance(Duration.ofSeconds(60));
    assembler.tick(List.of(1, 2));
    assertThat(out).extracting(MonitorWindow::version).containsExactly("1", "1", "2");
  }
}
