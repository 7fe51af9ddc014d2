package dev.kiln.data.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.dist.Distribution;
import dev.kiln.stats.dist.QuantileBins;
import dev.kiln.stats.dist.Quantiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactQuantilesTest {
  @TempDir
  Path dir;

  @Test
  void decileCountsStayExactWhenTheFirstScansDecilesMissTheExactOnes() throws Exception {
    Random rnd = new Random(3);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 4 == 0 ? 228.1 : Math.round(rnd.nextDouble() * 1e6) / 1e3;
    }
    StringBuilder csv = new StringBuilder("x\n");
    TreeMap<Double, Long> counts = new TreeMap<>();
    for (double v : x) {
      csv.append(v).append('\n');
      counts.merge(v, 1L, Long::sum);
    }
    Path file = Files.writeString(dir.resolve("x.csv"), csv);
    Distribution.Points points = new Distribution.Points(new ArrayList<>(counts.keySet()), new ArrayList<>(counts.values()));
    double[] levels = QuantileBins.levels(10);
    double[] deciles = Arrays.stream(levels).map(p -> Quantiles.linear(points, p)).toArray();
    List<Double> farOff = Arrays.stream(deciles).map(d -> d + 0.5).boxed().toList();
    try (DataSource ds = DataSource.open(file.toString(), ReadOptions.DEFAULT)) {
      Aggregates scan = new Aggregates();
      ExactQuantiles eq = new ExactQuantiles(Sql.value(ds.column("x").orElseThrow()), x.length,
          Arrays.stream(levels).boxed().toList(), farOff, scan);
      Row row = scan.run(ds.connection(), DataSource.VIEW, ds.location());
      assertThat(eq.quantiles(row)).containsExactlyElementsOf(Arrays.stream(deciles).boxed().toList());
      assertThat(eq.bins(row, deciles, ds)).isEqualTo(QuantileBins.of(points, 10));
    }
  }
}
