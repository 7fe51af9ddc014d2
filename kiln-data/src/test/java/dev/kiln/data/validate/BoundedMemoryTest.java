package dev.kiln.data.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file several times larger than the JVM heap validates in a child JVM with -Xmx48m: Kiln keeps
 * only aggregates on the JVM side and DuckDB works within its memory limit.
 */
class BoundedMemoryTest {
  static final long FILE_BYTES = 130L << 20;
  static final String HEAP = "-Xmx48m";

  @TempDir
  Path dir;

  @Test
  void validatesAFileLargerThanTheHeapWithBoundedMemory() throws Exception {
    Path data = dir.resolve("big.csv");
    long rows = write(data);
    assertThat(Files.size(data)).isGreaterThan(FILE_BYTES);
    Path profile = dir.resolve("profile.json");
    Path sample = dir.resolve("sample.csv");
    Files.write(sample, Files.readAllLines(data).subList(0, 5001));
    try (DataSource ds = DataSource.open(sample.toString(), ReadOptions.DEFAULT)) {
      Profiler.profile(ds).write(profile);
    }
    Path suite = dir.resolve("suite.yaml");
    Files.writeString(suite, """
        table: { rows: { min: 1 }, duplicates: { key: [id] } }
        columns:
          id: { unique: true }
          amount: { range: [0, 1000], mean: [400, 600], quantiles: { 0.5: [400, 600] }, outliers: { max: 0.01 } }
          grade: { in-set: [a, b, c, d], most-common-share: { max: 0.5 } }
          note: { regex: "note-[0-9]+", length: [5, 20] }
        drift: { columns: [amount, grade] }
        """);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(), data.toString(), suite.toString(),
        profile.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("KILN_DATA_MEMORY", "256MB");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("rows=" + rows, "passed=true", "checks=11", "drift=2");
    long rss = Long.parseLong(out.replaceAll("(?s).*peak_rss=(\\d+).*", "$1"));
    assertThat(rss).as("peak RSS of the child JVM").isLessThan(700L << 20);
  }

  private static long write(Path file) throws Exception {
    Random rnd = new Random(3);
    String[] grades = {"a", "b", "c", "d"};
    long rows = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("id,amount,grade,note,filler\n");
      String filler = "x".repeat(60);
      while (Files.size(file) < FILE_BYTES || rows % 1000 != 0) {
        for (int i = 0; i < 1000; i++, rows++) {
          w.write(rows + "," + String.format(java.util.Locale.ROOT, "%.3f", 500 + rnd.nextGaussian() * 100) + ","
              + grades[rnd.nextInt(4)] + ",note-" + rnd.nextInt(100000) + "," + filler + "\n");
        }
        w.flush();
      }
    }
    return rows;
  }
}
