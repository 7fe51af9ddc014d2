package dev.kiln.data.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.stats.profile.NumericSummary;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's quantiles equal {@code numpy.quantile(x, p, method='linear')} bit for bit
 * (kiln-stats/src/test/resources/drift/make_bins.py), on tied values too, for columns whose every value is
 * kept and for columns with thousands of distinct values.
 */
class QuantilesAgreeWithNumpyTest {
  @TempDir
  Path dir;

  @Test
  void profileQuantilesEqualNumpysLinearMethodBitForBitEvenOnTies() throws Exception {
    JsonNode cases;
    try (InputStream in = getClass().getResourceAsStream("/drift/bins.json")) {
      cases = JsonMapper.builder().build().readTree(in).get("cases");
    }
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode c : cases) {
      StringBuilder sb = new StringBuilder("x\n");
      c.get("reference").forEach(v -> sb.append(v.asDouble()).append('\n'));
      Path ref = Files.writeString(dir.resolve("ref.csv"), sb);
      NumericSummary ns;
      try (DataSource ds = DataSource.open(ref.toString(), ReadOptions.DEFAULT)) {
        ns = Profiler.profile(ds).columns().get(0).numeric().orElseThrow();
      }
      Iterable<Map.Entry<String, JsonNode>> expected = () -> c.get("quantiles").fields();
      for (Map.Entry<String, JsonNode> q : expected) {
        double level = Double.parseDouble(q.getKey());
        double kiln = level == 0 ? ns.min() : level == 1 ? ns.max() : ns.quantiles().get(level);
        soft.assertThat(kiln).as("%s: quantile %s", c.get("name").asText(), q.getKey()).isEqualTo(q.getValue().asDouble());
      }
    }
    soft.assertAll();
  }
}
