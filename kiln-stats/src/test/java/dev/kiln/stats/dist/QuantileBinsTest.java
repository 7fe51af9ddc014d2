package dev.kiln.stats.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.stats.Divergence;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The PSI bins of counted values against the reference implementation (drift/make_bins.py), without an engine. */
class QuantileBinsTest {

  static JsonNode cases() throws Exception {
    try (InputStream in = QuantileBinsTest.class.getResourceAsStream("/drift/bins.json")) {
      return JsonMapper.builder().build().readTree(in).get("cases");
    }
  }

  static Distribution.Points points(JsonNode values) {
    Map<Double, Long> counts = new TreeMap<>();
    values.forEach(v -> counts.merge(v.asDouble(), 1L, Long::sum));
    return new Distribution.Points(new ArrayList<>(counts.keySet()), new ArrayList<>(counts.values()));
  }

  static List<Double> doubles(JsonNode a) {
    List<Double> out = new ArrayList<>();
    a.forEach(v -> out.add(v.asDouble()));
    return out;
  }

  @Test
  void binsOfCountedValuesFollowTheDefinitionAndPsiAgrees() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode c : cases()) {
      String name = c.get("name").asText();
      Histogram h = QuantileBins.of(points(c.get("reference")), 10);
      soft.assertThat(h.edges()).as("%s: edges", name).isEqualTo(doubles(c.get("edges")));
      List<Long> counts = new ArrayList<>();
      c.get("counts").forEach(v -> counts.add(v.asLong()));
      soft.assertThat(h.counts()).as("%s: counts", name).isEqualTo(counts);
      if (points(c.get("reference")).values().size() <= 20) {
        continue;
      }
      long[] ref = QuantileBins.driftReferenceCounts(h);
      long[] cur = new long[ref.length];
      List<Double> bounds = QuantileBins.driftBoundaries(h);
      for (JsonNode v : c.get("current")) {
        int i = 0;
        while (v.asDouble() > bounds.get(i)) {
          i++;
        }
        cur[i]++;
      }
      soft.assertThat(ref).as("%s: drift reference", name).containsExactly(longs(c.get("drift_reference")));
      soft.assertThat(cur).as("%s: drift current", name).containsExactly(longs(c.get("drift_current")));
      soft.assertThat(Divergence.psi(doubles(ref), doubles(cur))).as("%s: PSI", name)
          .isCloseTo(c.get("psi").asDouble(), within(1e-12));
    }
    soft.assertAll();
  }

  @Test
  void aConstantColumnKeepsOneBinClosedOnBothSides() {
    Histogram h = QuantileBins.of(new Distribution.Points(List.of(3.5), List.of(500L)), 10);
    assertThat(h.edges()).containsExactly(Math.nextDown(3.5), 3.5);
    assertThat(QuantileBins.driftBoundaries(h)).containsExactly(Math.nextDown(3.5), 3.5, Double.POSITIVE_INFINITY);
    assertThat(QuantileBins.driftReferenceCounts(h)).containsExactly(0, 500, 0);
  }

  static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  static double[] doubles(long[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
