package dev.kiln.stats;

import static dev.kiln.stats.ScipyFixtures.ROOT;
import static dev.kiln.stats.ScipyFixtures.doubles;
import static dev.kiln.stats.ScipyFixtures.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Every drift statistic against values SciPy 1.10 computed on the same inputs, to 1e-6. */
class AgreesWithScipyTest {
  static final double TOL = 1e-6;

  @Test
  void twoSampleKsStatisticAndPValueMatchKs2samp() {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode c : ROOT.get("ks_2samp")) {
      KsTest.Result r = KsTest.test(doubles(c.get("a")), doubles(c.get("b")));
      soft.assertThat(r.statistic()).as(c.get("name").asText() + " D").isCloseTo(c.get("statistic").asDouble(), within(TOL));
      soft.assertThat(r.pValue()).as(c.get("name").asText() + " p").isCloseTo(c.get("p_value").asDouble(), within(TOL));
    }
    soft.assertAll();
  }

  @Test
  void kolmogorovDistributionMatchesKstwoSf() {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode c : ROOT.get("kstwo_sf")) {
      long n = c.get("n").asLong();
      double d = c.get("d").asDouble();
      soft.assertThat(Kolmogorov.sf(n, d)).as("kstwo.sf(%s, %s)", d, n).isCloseTo(c.get("sf").asDouble(), within(TOL));
    }
    soft.assertAll();
  }

  @Test
  void smirnovTailMatchesScipySpecial() {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode c : ROOT.get("smirnov")) {
      soft.assertThat(Kolmogorov.smirnov(c.get("n").asLong(), c.get("d").asDouble()))
          .as("smirnov(%s, %s)", c.get("n"), c.get("d")).isCloseTo(c.get("sf").asDouble(), within(TOL));
    }
    soft.assertAll();
  }

  @Test
  void chiSquaredAndNormalTailsMatchScipy() {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode c : ROOT.get("chi2_sf")) {
      soft.assertThat(ChiSquared.sf(c.get("x").asDouble(), c.get("df").asDouble()))
          .as("chi2.sf(%s, %s)", c.get("x"), c.get("df")).isCloseTo(c.get("sf").asDouble(), within(1e-12));
    }
    for (JsonNode c : ROOT.get("norm_sf")) {
      soft.assertThat(Normal.sf(c.get("z").asDouble())).as("norm.sf(%s)", c.get("z"))
          .isCloseTo(c.get("sf").asDouble(), within(1e-14));
    }
    soft.assertAll();
  }

  @Test
  void chiSquareAgainstTheReferenceMatchesEvidentlysUseOfChisquare() {
    for (JsonNode c : ROOT.get("chisquare")) {
      ChiSquareTest.Result r = ChiSquareTest.againstReference(longs(c.get("reference")), longs(c.get("current")));
      double stat = c.get("statistic").asDouble();
      if (Double.isInfinite(stat)) {
        assertThat(r.statistic()).isEqualTo(stat);
      } else {
        assertThat(r.statistic()).isCloseTo(stat, within(TOL));
      }
      assertThat(r.pValue()).isCloseTo(c.get("p_value").asDouble(), within(TOL));
    }
  }

  @Test
  void zTestMatchesTheTwoProportionFormula() {
    for (JsonNode c : ROOT.get("ztest")) {
      ZTest.Result r = ZTest.proportions(c.get("ref_hits").asLong(), c.get("ref_n").asLong(),
          c.get("cur_hits").asLong(), c.get("cur_n").asLong());
      assertThat(r.statistic()).isCloseTo(c.get("z").asDouble(), within(TOL));
      assertThat(r.pValue()).isCloseTo(c.get("p_value").asDouble(), within(TOL));
    }
  }

  @Test
  void wassersteinMatchesScipyForSamplesAndWeights() {
    for (JsonNode c : ROOT.get("ks_2samp")) {
      assertThat(Wasserstein.distance(doubles(c.get("a")), doubles(c.get("b"))))
          .as(c.get("name").asText()).isCloseTo(c.get("wasserstein").asDouble(), within(TOL));
    }
    for (JsonNode c : ROOT.get("wasserstein_weighted")) {
      assertThat(Wasserstein.distance(doubles(c.get("u")), doubles(c.get("uw")), doubles(c.get("v")), doubles(c.get("vw"))))
          .isCloseTo(c.get("distance").asDouble(), within(TOL));
    }
  }

  @Test
  void jensenShannonKlAndPsiMatchScipy() {
    for (JsonNode c : ROOT.get("divergence")) {
      double[] p = doubles(c.get("p"));
      double[] q = doubles(c.get("q"));
      assertThat(Divergence.jensenShannon(p, q)).isCloseTo(c.get("jensenshannon").asDouble(), within(TOL));
      if (!c.get("kl").isNull()) {
        assertThat(Divergence.kl(p, q)).isCloseTo(c.get("kl").asDouble(), within(TOL));
      }
      assertThat(Divergence.klFloored(p, q)).isCloseTo(c.get("kl_floored").asDouble(), within(TOL));
      assertThat(Divergence.psi(p, q)).isCloseTo(c.get("psi").asDouble(), within(TOL));
    }
  }
}
