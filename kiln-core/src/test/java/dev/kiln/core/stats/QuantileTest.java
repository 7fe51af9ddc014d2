package dev.kiln.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Quantiles equal NumPy 1.24's {@code numpy.quantile(x, p)} (method 'linear') to the last bit. */
class QuantileTest {
  record Case(List<Double> values, double p50, double p90, double p95) {}

  static final List<Case> NUMPY = List.of(
      new Case(List.of(1.0), 1.0, 1.0, 1.0),
      new Case(List.of(1.0, 2.0), 1.5, 1.9, 1.95),
      new Case(List.of(3.0, 1.0, 2.0), 2.0, 2.8, 2.9),
      new Case(List.of(10.0, 20.0, 30.0, 40.0), 25.0, 37.0, 38.5),
      new Case(List.of(7.0, 1.0, 3.0, 9.0, 5.0, 11.0, 2.0), 5.0, 9.8, 10.399999999999999),
      new Case(List.of(228.1, 228.1, 228.1), 228.1, 228.1, 228.1),
      new Case(IntStream.rangeClosed(1, 100).asDoubleStream().boxed().toList(), 50.5, 90.10000000000001, 95.05),
      new Case(List.of(0.1, 0.2, 0.3, 0.7, 100.0), 0.3, 60.28000000000001, 80.13999999999999));

  @Test
  void medianNinetiethAndNinetyFifthPercentilesEqualNumpysLinearQuantiles() {
    for (Case c : NUMPY) {
      double[] sorted = c.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      assertThat(Quantile.linear(sorted, 0.5)).as("p50 of %s", c.values()).isEqualTo(c.p50());
      assertThat(Quantile.linear(sorted, 0.9)).as("p90 of %s", c.values()).isEqualTo(c.p90());
      assertThat(Quantile.linear(sorted, 0.95)).as("p95 of %s", c.values()).isEqualTo(c.p95());
    }
  }

  @Test
  void theEndsAreTheSmallestAndLargestValueAndNoValuesHaveNoQuantile() {
    double[] sorted = {2, 4, 8};
    assertThat(Quantile.linear(sorted, 0)).isEqualTo(2);
    assertThat(Quantile.linear(sorted, 1)).isEqualTo(8);
    assertThat(Quantile.linear(new double[0], 0.5)).isNaN();
  }

  @Test
  void aSummaryHoldsCountQuantilesLargestAndSum() {
    assertThat(Summary.of(List.of(40L, 10L, 30L, 20L))).isEqualTo(new Summary(4, 25.0, 38.5, 40.0, 100.0));
    assertThat(Summary.of(List.of())).isEqualTo(Summary.NONE);
  }
}
