package dev.kiln.data.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.data.check.Suite;
import dev.kiln.data.drift.DriftReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceCacheTest {
  @TempDir
  Path dir;

  Path csv(String name, int rows, double shift, long seed) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("x,g\n");
    for (int i = 0; i < rows; i++) {
      sb.append(String.format(java.util.Locale.ROOT, "%.4f", r.nextGaussian() + shift)).append(',')
          .append(r.nextInt(3) == 0 ? "a" : "b").append('\n');
    }
    return Files.writeString(dir.resolve(name), sb);
  }

  DriftReport validate(Path data, Path reference, Path cache) throws IOException {
    Path suite = Files.writeString(dir.resolve("suite.yaml"), "drift: {}\n");
    return new Validator(dir, Optional.of(cache))
        .validate(data.toString(), Suite.parse(suite), Optional.of(new Baseline.Data(reference))).drift().orElseThrow();
  }

  long cached(Path cache) throws IOException {
    if (!Files.isDirectory(cache)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(cache)) {
      return s.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void aLargeReferenceIsProfiledOnceAndTheCachedProfileGivesTheSameDrift() throws IOException {
    Path reference = csv("reference.csv", 120_000, 0, 1);
    Path current = csv("current.csv", 5_000, 0.3, 2);
    Path cache = dir.resolve("cache");
    DriftReport first = validate(current, reference, cache);
    assertThat(cached(cache)).isEqualTo(1);
    DriftReport second = validate(current, reference, cache);
    assertThat(second.columns()).isEqualTo(first.columns());
    assertThat(second.share()).isEqualTo(first.share());
  }

  @Test
  void changingTheReferenceChangesTheKey() throws IOException {
    Path reference = csv("reference.csv", 120_000, 0, 1);
    Path current = csv("current.csv", 2_000, 0, 2);
    Path cache = dir.resolve("cache");
    validate(current, reference, cache);
    csv("reference.csv", 120_000, 1.0, 3);
    DriftReport after = validate(current, reference, cache);
    assertThat(cached(cache)).isEqualTo(2);
    assertThat(after.columns().stream().filter(c -> c.column().equals("x")).findFirst().orElseThrow().drifted()).isTrue();
  }

  @Test
  void aSmallReferenceKeepsItsRawValuesAndIsNotCached() throws IOException {
    Path reference = csv("reference.csv", 500, 0, 1);
    Path current = csv("current.csv", 500, 0, 2);
    Path cache = dir.resolve("cache");
    DriftReport r = validate(current, reference, cache);
    assertThat(cached(cache)).isZero();
    assertThat(r.columns()).allMatch(c -> c.exact());
  }
}
