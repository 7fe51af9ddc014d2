package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stats page's charts stay small however many runs there are, and say what they left out. */
class ChartsTest {
  @Test
  void aChartOverManyRunsDrawsOneInKAndTheSlowestAndSaysSo() {
    List<Charts.Point> points = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      points.add(new Charts.Point(Instant.ofEpochSecond(i * 60L), i == 1001 ? 9000 : 100 + i % 7));
    }
    String svg = Charts.overTime("train", "wall time", points, List.of(), v -> Long.toString(Math.round(v)));
    assertThat(svg.split("<circle", -1).length - 1).isEqualTo(501);
    assertThat(svg).contains("1 in 4 of 2000 shown", ">10000<");
  }

  @Test
  void axesEndOnRoundValues() {
    assertThat(List.of(Charts.nice(0.7), Charts.nice(286), Charts.nice(1500), Charts.nice(5000), Charts.nice(0)))
        .containsExactly(1.0, 500.0, 2000.0, 5000.0, 1.0);
  }
}
