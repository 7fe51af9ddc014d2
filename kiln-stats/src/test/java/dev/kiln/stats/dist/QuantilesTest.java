package dev.kiln.stats.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantilesTest {
  @Test
  void interpolatingBetweenTwoEqualValuesGivesThatValueExactly() {
    assertThat((1 - 0.33) * 228.1 + 0.33 * 228.1).isNotEqualTo(228.1);
    assertThat(Quantiles.lerp(228.1, 228.1, 0.33)).isEqualTo(228.1);
    assertThat(Quantiles.lerp(228.1, 228.1, 0.77)).isEqualTo(228.1);
  }

  @Test
  void quantilesOfCountedValuesEqualThoseOfTheValuesThemselves() {
    // numpy.quantile([1., 2, 2, 7, 10], 0.95) == 9.399999999999999 (repr); 0.5 gives 2.0
    double[] sorted = {1, 2, 2, 7, 10};
    Distribution.Points points = new Distribution.Points(List.of(1.0, 2.0, 7.0, 10.0), List.of(1L, 2L, 1L, 1L));
    for (double p : new double[] {0, 0.1, 0.25, 0.5, 0.95, 1}) {
      assertThat(Quantiles.linear(points, p)).as("p=%s", p).isEqualTo(Quantiles.linear(sorted, p));
    }
    assertThat(Quantiles.linear(sorted, 0.95)).isEqualTo(9.399999999999999);
    assertThat(Quantiles.linear(sorted, 0.5)).isEqualTo(2.0);
  }

  @Test
  void readsTwoOrderStatisticsExceptAtTheTop() {
    assertThat(Quantiles.ranks(5, 0)).containsExactly(0, 1);
    assertThat(Quantiles.ranks(5, 1)).containsExactly(4);
    assertThat(Quantiles.ranks(5, 0.6)).containsExactly(2, 3);
  }
}
