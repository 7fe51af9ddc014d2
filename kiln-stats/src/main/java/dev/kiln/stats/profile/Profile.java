package dev.kiln.stats.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A reference profile: per-column statistics of a data set (usually the training data), saved
 * with the model as the baseline for drift checks in CI and in production. Written as JSON with
 * stable key order and number formatting, so the same data gives the same bytes.
 *
 * <p>Compute one with kiln-data's {@code Profiler.profile(dataSource)}; save it with
 * {@link #write(Path)}, load it with {@link #read(Path)}.
 */
public record Profile(String source, long rows, List<ColumnProfile> columns) {
  /** Version of the JSON format; readers accept this version and older ones. */
  public static final int FORMAT = 1;

  public Profile {
    columns = List.copyOf(columns);
  }

  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnProfile::name).toList();
  }

  /** Writes the profile as JSON (atomically: a temp file renamed into place). */
  public void write(Path file) throws IOException {
    ProfileJson.write(this, file);
  }

  /** Reads a profile written by {@link #write}; a malformed file is a {@link ProfileException}. */
  public static Profile read(Path file) {
    return ProfileJson.read(file);
  }

  public String toJson() {
    return ProfileJson.toJson(this);
  }
}
