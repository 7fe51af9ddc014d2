package dev.kiln.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The telco churn split shared with bench/model/peer_sklearn.py: data row i (0-based, after the
 * header) is a test row when i % 5 == 0, else a training row. Deterministic in both languages.
 */
final class TelcoSplit {
  private TelcoSplit() {}

  /** Writes train.csv and test.csv into {@code dir}. */
  static void write(Path telco, Path dir) throws IOException {
    List<String> lines = Files.readAllLines(telco);
    List<String> train = new ArrayList<>(List.of(lines.get(0)));
    List<String> test = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      ((i - 1) % 5 == 0 ? test : train).add(lines.get(i));
    }
    Files.write(dir.resolve("train.csv"), train);
    Files.write(dir.resolve("test.csv"), test);
  }
}
