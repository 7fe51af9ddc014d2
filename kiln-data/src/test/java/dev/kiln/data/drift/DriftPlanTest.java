package dev.kiln.data.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.data.check.Suite;
import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.data.validate.Baseline;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import dev.kiln.stats.KsTest;
import dev.kiln.stats.Wasserstein;
import dev.kiln.stats.drift.DriftTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftPlanTest {
  @TempDir
  Path dir;

  static JsonNode fixtures() throws Exception {
    try (InputStream in = DriftPlanTest.class.getResourceAsStream("/drift/expected.json")) {
      return JsonMapper.builder().enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build().readTree(in);
    }
  }

  Path csv(String name, String column, double[] values) throws Exception {
    StringBuilder sb = new StringBuilder(column).append('\n');
    for (double v : values) {
      sb.append(v).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  Path suite(String yaml) throws Exception {
    Path p = dir.resolve("suite.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  DriftReport drift(Path data, Path suiteFile, Baseline baseline) {
    Validation v = new Validator(dir).validate(data.toString(), Suite.parse(suiteFile), Optional.of(baseline));
    return v.drift().orElseThrow();
  }

  static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  static double populationStd(double[] a) {
    double mean = Arrays.stream(a).average().orElse(0);
    return Math.sqrt(Arrays.stream(a).map(x -> (x - mean) * (x - mean)).sum() / a.length);
  }

  @Test
  void endToEndDriftAgreesWithScipyOnSmallData() throws Exception {
    for (JsonNode c : fixtures().get("ks_2samp")) {
      if (c.get("a").size() > 1500) {
        continue;
      }
      double[] a = doubles(c.get("a"));
      double[] b = doubles(c.get("b"));
      Path ref = csv("ref.csv", "x", a);
      Path cur = csv("cur.csv", "x", b);
      DriftResult ks = drift(cur, suite("drift: { tests: { x: ks } }"), new Baseline.Data(ref)).columns().get(0);
      assertThat(ks.exact()).isTrue();
      assertThat(ks.statistic()).as(c.get("name").asText()).isCloseTo(c.get("statistic").asDouble(), within(1e-6));
      assertThat(ks.pValue().getAsDouble()).as(c.get("name").asText()).isCloseTo(c.get("p_value").asDouble(), within(1e-6));
      DriftResult w = drift(cur, suite("drift: { tests: { x: wasserstein } }"), new Baseline.Data(ref)).columns().get(0);
      assertThat(w.statistic()).as(c.get("name").asText())
          .isCloseTo(c.get("wasserstein").asDouble() / Math.max(populationStd(a), 0.001), within(1e-6));
    }
  }

  @Test
  void binnedStatisticsFromASavedProfileStayWithinTheirStatedBound() throws Exception {
    Random rnd = new Random(7);
    double[] a = new double[30_000];
    double[] b = new double[40_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.round(rnd.nextGaussian() * 1e4) / 1e4;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = Math.round((rnd.nextGaussian() * 1.2 + 0.15) * 1e4) / 1e4;
    }
    Path ref = csv("ref.csv", "x", a);
    Path cur = csv("cur.csv", "x", b);
    Path profile = dir.resolve("profile.json");
    try (DataSource ds = DataSource.open(ref.toString(), ReadOptions.DEFAULT)) {
      Profiler.profile(ds).write(profile);
    }
    double exactW = Wasserstein.distance(a, b) / populationStd(a);
    DriftResult w = drift(cur, suite("drift: { tests: { x: wasserstein } }"), new Baseline.SavedProfile(profile))
        .columns().get(0);
    assertThat(w.exact()).isFalse();
    assertThat(Math.abs(w.statistic() - exactW)).isLessThanOrEqualTo(w.bound().getAsDouble() + 1e-9);
    assertThat(w.bound().getAsDouble()).isLessThan(0.02);
    assertThat(Math.abs(w.statistic() - exactW)).isLessThan(0.005);
    assertThat(w.drifted()).isTrue();
    double[] sa = a.clone();
    double[] sb = b.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    double exactD = KsTest.statistic(sa, sb);
    DriftResult ks = drift(cur, suite("drift: { tests: { x: ks } }"), new Baseline.SavedProfile(profile)).columns().get(0);
    assertThat(exactD).isBetween(ks.statistic() - 1e-12, ks.statistic() + ks.bound().getAsDouble() + 1e-12);
  }

  @Test
  void choosesEvidentlysDefaultTestsBySizeAndType() throws Exception {
    Path hmda = Path.of("../examples/quickstart/data/hmda.csv").toAbsolutePath().normalize();
    Path small = dir.resolve("small.csv");
    java.util.List<String> lines = Files.readAllLines(hmda);
    Files.write(small, lines.subList(0, 801));
    DriftReport vsSmall = drift(hmda, suite("drift: true"), new Baseline.Data(small));
    assertThat(vsSmall.columns()).filteredOn(r -> r.column().equals("pirat")).singleElement()
        .satisfies(r -> assertThat(r.test()).isEqualTo(DriftTest.KS));
    assertThat(vsSmall.columns()).filteredOn(r -> r.column().equals("deny")).singleElement()
        .satisfies(r -> assertThat(r.test()).isEqualTo(DriftTest.Z));
    assertThat(vsSmall.columns()).filteredOn(r -> r.column().equals("chist")).singleElement()
        .satisfies(r -> assertThat(r.test()).isEqualTo(DriftTest.KS));
    DriftReport vsItself = drift(hmda, suite("drift: true"), new Baseline.Data(hmda));
    assertThat(vsItself.columns()).filteredOn(r -> r.column().equals("pirat")).singleElement()
        .satisfies(r -> assertThat(r.test()).isEqualTo(DriftTest.WASSERSTEIN));
    assertThat(vsItself.columns()).filteredOn(r -> r.column().equals("deny")).singleElement()
        .satisfies(r -> assertThat(r.test()).isEqualTo(DriftTest.JENSENSHANNON));
    assertThat(vsItself.driftedCount()).isZero();
    assertThat(vsItself.schema()).isEmpty();
  }

  @Test
  void reportsSchemaDriftAndDatasetDrift() throws Exception {
    Path ref = dir.resolve("ref.csv");
    Path cur = dir.resolve("cur.csv");
    StringBuilder r = new StringBuilder("a,b,c,gone\n");
    StringBuilder k = new StringBuilder("a,b,c,extra\n");
    for (int i = 0; i < 2000; i++) {
      r.append(i % 100).append(',').append(i % 2 == 0 ? "x" : "y").append(',').append(i).append(",1\n");
      k.append(i % 100 + 50).append(',').append(i % 3 == 0 ? "z" : "x").append(',').append("v").append(i).append(",1\n");
    }
    Files.writeString(ref, r);
    Files.writeString(cur, k);
    DriftReport d = drift(cur, suite("drift: { label: b }"), new Baseline.Data(ref));
    assertThat(d.schema()).extracting(SchemaChange::kind).containsExactlyInAnyOrder(
        SchemaChange.Kind.MISSING_COLUMN, SchemaChange.Kind.NEW_COLUMN, SchemaChange.Kind.TYPE_CHANGE,
        SchemaChange.Kind.NEW_CATEGORIES);
    assertThat(d.schema()).filteredOn(s -> s.kind() == SchemaChange.Kind.NEW_CATEGORIES).singleElement()
        .satisfies(s -> assertThat(s.values()).containsExactly("z (667)"));
    assertThat(d.label()).hasValueSatisfying(l -> assertThat(l.drifted()).isTrue());
    assertThat(d.columns()).extracting(DriftResult::column).containsExactly("a");
    assertThat(d.datasetDrift()).isTrue();
    assertThat(d.skipped()).contains("c: its type changed from integer to string");
    assertThat(d.blocking()).isTrue();
  }
}
