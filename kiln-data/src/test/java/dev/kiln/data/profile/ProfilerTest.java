package dev.kiln.data.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.stats.dist.Bins;
import dev.kiln.stats.dist.Distribution;
import dev.kiln.stats.dist.Histogram;
import dev.kiln.stats.profile.CategorySummary;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.DataType;
import dev.kiln.stats.profile.NumericSummary;
import dev.kiln.stats.profile.Profile;
import dev.kiln.stats.profile.ProfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {
  static final Path HMDA = Path.of("../examples/quickstart/data/hmda.csv");

  @Test
  void profilesCountsMomentsAndQuantilesExactly(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "x,s\n1,a\n2,b\n2,b\n7,\n10,c\n,a\n");
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      Profile p = Profiler.profile(ds);
      assertThat(p.rows()).isEqualTo(6);
      ColumnProfile x = p.column("x").orElseThrow();
      assertThat(x.type()).isEqualTo(DataType.INTEGER);
      assertThat(x.missing()).isEqualTo(1);
      assertThat(x.distinct()).isEqualTo(4);
      NumericSummary n = x.numeric().orElseThrow();
      assertThat(n.min()).isEqualTo(1);
      assertThat(n.max()).isEqualTo(10);
      assertThat(n.mean()).isCloseTo(4.4, within(1e-12));
      // numpy.std([1,2,2,7,10], ddof=1)
      assertThat(n.std()).isCloseTo(3.9115214431215892, within(1e-12));
      // numpy.quantile([1,2,2,7,10], [0.1, 0.5, 0.95]) = [1.4, 2.0, 9.4]
      assertThat(n.quantiles().get(0.1)).isCloseTo(1.4, within(1e-12));
      assertThat(n.quantiles().get(0.5)).isCloseTo(2.0, within(1e-12));
      assertThat(n.quantiles().get(0.95)).isCloseTo(9.4, within(1e-12));
      assertThat(n.distribution()).isInstanceOf(Distribution.Points.class);
      Distribution.Points pts = (Distribution.Points) n.distribution();
      assertThat(pts.values()).containsExactly(1.0, 2.0, 7.0, 10.0);
      assertThat(pts.counts()).containsExactly(1L, 2L, 1L, 1L);
      assertThat(n.equalWidth().total()).isEqualTo(5);
      assertThat(n.quantileBins().total()).isEqualTo(5);
      ColumnProfile s = p.column("s").orElseThrow();
      assertThat(s.missing()).isEqualTo(1);
      assertThat(s.categories().orElseThrow().top()).extracting(CategorySummary.Category::value)
          .containsExactly("a", "b", "c");
      assertThat(s.categories().orElseThrow().complete()).isTrue();
      assertThat(s.lengths().orElseThrow().max()).isEqualTo(1);
    }
  }

  @Test
  void keepsFineQuantileBinsForColumnsWithManyValues(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("d.csv");
    StringBuilder sb = new StringBuilder("v\n");
    for (int i = 0; i < 5000; i++) {
      sb.append(i * 0.5).append('\n');
    }
    Files.writeString(csv, sb);
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      NumericSummary n = Profiler.profile(ds).column("v").orElseThrow().numeric().orElseThrow();
      assertThat(n.distribution()).isInstanceOf(Distribution.Binned.class);
      Histogram fine = ((Distribution.Binned) n.distribution()).bins();
      assertThat(fine.total()).isEqualTo(5000);
      assertThat(fine.bins()).isBetween(Profiler.FINE_BINS - 100, Profiler.FINE_BINS);
      assertThat(n.quantileBins().bins()).isEqualTo(10);
      assertThat(n.quantileBins().counts()).allSatisfy(c -> assertThat(c).isBetween(499L, 501L));
      assertThat(n.equalWidth().total()).isEqualTo(5000);
      assertThat(n.equalWidth().bins()).isEqualTo(Profiler.PLOT_BINS);
    }
  }

  @Test
  void roundTripsThroughJsonByteForByte(@TempDir Path dir) throws Exception {
    try (DataSource ds = DataSource.open(HMDA.toString(), ReadOptions.DEFAULT)) {
      Profile p = Profiler.profile(ds);
      Path file = dir.resolve("profile.json");
      p.write(file);
      Profile back = Profile.read(file);
      assertThat(back).isEqualTo(p);
      Path again = dir.resolve("again.json");
      back.write(again);
      assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
      assertThat(back.columnNames()).hasSize(14);
      assertThat(back.column("deny").orElseThrow().categories().orElseThrow().count("yes")).contains(285L);
    }
  }

  @Test
  void aMalformedProfileIsAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("p.json");
    Files.writeString(file, "{\"kiln_profile\": 1, \"rows\": 3, \"columns\": [{\"name\": \"x\", \"type\": \"blob\"}]}");
    assertThatThrownBy(() -> Profile.read(file)).isInstanceOf(ProfileException.class)
        .hasMessageContaining("columns[0].type: unknown type 'blob'");
    Files.writeString(file, "[1, 2");
    assertThatThrownBy(() -> Profile.read(file)).isInstanceOf(ProfileException.class).hasMessageContaining("not JSON");
    Files.writeString(file, "{\"rows\": 1}");
    assertThatThrownBy(() -> Profile.read(file)).hasMessageContaining("not a Kiln profile");
  }

  @Test
  void binsFollowTheHistogramConvention() {
    double[] edges = {0, 1, 2, 3};
    assertThat(Bins.binOf(edges, 0)).isEqualTo(0);
    assertThat(Bins.binOf(edges, 1)).isEqualTo(0);
    assertThat(Bins.binOf(edges, 1.5)).isEqualTo(1);
    assertThat(Bins.binOf(edges, 3)).isEqualTo(2);
    assertThat(Bins.binOf(edges, 3.1)).isEqualTo(-1);
    assertThat(Arrays.stream(Bins.distinct(java.util.List.of(1.0, 1.0, 2.0))).boxed()).containsExactly(1.0, 2.0);
  }
}
