package dev.kiln.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.model.features.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The committed fixtures (made by src/test/resources/fixtures/make_fixtures.py) and shared data sets. */
public final class Fixtures {
  public static final Path DIR = Path.of("src/test/resources/fixtures").toAbsolutePath();

  private Fixtures() {}

  public static Path file(String name) {
    return DIR.resolve(name);
  }

  public static JsonNode json(String name) {
    try {
      return new ObjectMapper().readTree(file(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static double[] doubles(JsonNode array) {
    double[] d = new double[array.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = array.get(i).asDouble();
    }
    return d;
  }

  public static Columns read(Path csv) {
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      return Columns.of(ds.load(List.of()));
    }
  }

  /**
   * A data set: the copy committed under src/test/resources/datasets, else the team's
   * shared/datasets found upwards from here; empty when neither has it.
   */
  public static Optional<Path> shared(String name) {
    Path committed = Path.of("src/test/resources/datasets").resolve(name).toAbsolutePath();
    if (Files.isRegularFile(committed)) {
      return Optional.of(committed);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("shared/datasets").resolve(name);
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
