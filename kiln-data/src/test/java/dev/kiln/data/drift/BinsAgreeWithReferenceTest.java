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
import dev.kiln.data.validate.Validator;
import dev.kiln.stats.profile.NumericSummary;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiln's PSI bins, PSI and KL against the reference implementation of the definition in
 * docs/data-checks.md (kiln-stats/src/test/resources/drift/make_bins.py, NumPy and SciPy): edges and counts
 * exactly, PSI and KL to 1e-12, on ties, mostly-zero columns, heavy values, constant
 * columns, few distinct values and continuous data.
 */
class BinsAgreeWithReferenceTest {
  static final double TOL = 1e-12;
  static JsonNode cases;

  @TempDir
  static Path dir;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = BinsAgreeWithReferenceTest.class.getResourceAsStream("/drift/bins.json")) {
      cases = JsonMapper.builder().build().readTree(in).get("cases");
    }
  }

  static Path csv(String name, JsonNode values) throws Exception {
    StringBuilder sb = new StringBuilder("x\n");
    for (JsonNode v : values) {
      sb.append(v.asDouble()).append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  static Path reference(int i) throws Exception {
    return csv("ref" + i + ".csv", cases.get(i).get("reference"));
  }

  static NumericSummary profile(Path ref) {
    try (DataSource ds = DataSource.open(ref.toString(), ReadOptions.DEFAULT)) {
      return Profiler.profile(ds).columns().get(0).numeric().orElseThrow();
    }
  }

  static DriftResult drift(Path cur, Baseline baseline, String test) throws Exception {
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, "drift: { tests: { x: " + test + " } }");
    return new Validator(dir).validate(cur.toString(), Suite.parse(suite), Optional.of(baseline))
        .drift().orElseThrow().columns().get(0);
  }

  static List<Double> doubles(JsonNode a) {
    List<Double> out = new ArrayList<>();
    a.forEach(v -> out.add(v.asDouble()));
    return out;
  }

  static List<Long> longs(JsonNode a) {
    List<Long> out = new ArrayList<>();
    a.forEach(v -> out.add(v.asLong()));
    return out;
  }

  @Test
  void decileBinsGiveHeavyValuesABinOfTheirOwnAsDocumented() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      NumericSummary ns = profile(reference(i));
      soft.assertThat(ns.quantileBins().edges()).as("%s: edges", c.get("name").asText()).isEqualTo(doubles(c.get("edges")));
      soft.assertThat(ns.quantileBins().counts()).as("%s: counts", c.get("name").asText()).isEqualTo(longs(c.get("counts")));
    }
    soft.assertAll();
  }

  @Test
  void psiAndKlAgreeWithTheReferenceFromDataAndFromASavedProfile() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      String name = c.get("name").asText();
      Path ref = reference(i);
      Path cur = csv("cur" + i + ".csv", c.get("current"));
      Path saved = dir.resolve("profile" + i + ".json");
      try (DataSource ds = DataSource.open(ref.toString(), ReadOptions.DEFAULT)) {
        Profiler.profile(ds).write(saved);
      }
      for (Baseline b : List.of(new Baseline.Data(ref), new Baseline.SavedProfile(saved))) {
        soft.assertThat(drift(cur, b, "psi").statistic()).as("%s: PSI against %s", name, b)
            .isCloseTo(c.get("psi").asDouble(), within(TOL));
        soft.assertThat(drift(cur, b, "kl").statistic()).as("%s: KL against %s", name, b)
            .isCloseTo(c.get("kl").asDouble(), within(TOL));
      }
    }
    soft.assertAll();
  }

  @Test
  void theZerosOfAMostlyZeroColumnMovingTo6point7IsDrift() throws Exception {
    JsonNode c = cases.get(0);
    assertThat(c.get("name").asText()).startsWith("73% zeros");
    DriftResult psi = drift(csv("cur.csv", c.get("current")), new Baseline.Data(reference(0)), "psi");
    assertThat(psi.statistic()).isCloseTo(8.27, within(0.01));
    assertThat(psi.drifted()).isTrue();
  }
}
