package dev.kiln.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StatisticsPropertiesTest {

  static double[] arr(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Property(tries = 200)
  void ksIsSymmetricAndItsPValueIsAProbability(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -100, max = 100) Double> a,
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -100, max = 100) Double> b) {
    KsTest.Result ab = KsTest.test(arr(a), arr(b));
    KsTest.Result ba = KsTest.test(arr(b), arr(a));
    assertThat(ab.statistic()).isBetween(0.0, 1.0).isCloseTo(ba.statistic(), within(1e-12));
    assertThat(ab.pValue()).isBetween(0.0, 1.0).isCloseTo(ba.pValue(), within(1e-9));
  }

  @Property(tries = 200)
  void shiftingASampleMovesItsWassersteinDistanceByTheShift(
      @ForAll @Size(min = 1, max = 50) List<@DoubleRange(min = -100, max = 100) Double> a,
      @ForAll @DoubleRange(min = -10, max = 10) double shift) {
    double[] u = arr(a);
    double[] v = u.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] += shift;
    }
    assertThat(Wasserstein.distance(u, v)).isCloseTo(Math.abs(shift), within(1e-9));
  }

  @Property(tries = 200)
  void psiIsSymmetricAndJensenShannonIsBounded(
      @ForAll @Size(value = 6) List<@IntRange(min = 0, max = 1000) Integer> p,
      @ForAll @Size(value = 6) List<@IntRange(min = 1, max = 1000) Integer> q) {
    double[] pp = p.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] qq = q.stream().mapToDouble(Integer::doubleValue).toArray();
    if (java.util.Arrays.stream(pp).sum() == 0) {
      return;
    }
    assertThat(Divergence.psi(pp, qq)).isGreaterThanOrEqualTo(0).isCloseTo(Divergence.psi(qq, pp), within(1e-12));
    assertThat(Divergence.jensenShannon(pp, qq)).isBetween(0.0, Math.sqrt(Math.log(2)) + 1e-12);
  }

  @Property(tries = 100)
  void chiSquaredTailsAreComplementsOfTheirCdf(
      @ForAll @DoubleRange(min = 0.01, max = 500) double x, @ForAll @IntRange(min = 1, max = 300) int df) {
    assertThat(ChiSquared.sf(x, df) + ChiSquared.cdf(x, df)).isCloseTo(1.0, within(1e-12));
  }
}
