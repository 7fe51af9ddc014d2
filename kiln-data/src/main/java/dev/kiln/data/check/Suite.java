package dev.kiln.data.check;

import dev.kiln.data.drift.DriftConfig;
import dev.kiln.data.read.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed check suite ({@code checks/data.yaml}): how to read the data, the checks, and the
 * drift configuration. Parse one with {@link #parse(Path)}; every problem in the file is reported
 * at once as a {@link dev.kiln.core.config.ConfigException}.
 */
public record Suite(String file, Optional<String> name, ReadOptions read, List<Check> checks,
    Optional<DriftConfig> drift) {

  public Suite {
    checks = List.copyOf(checks);
  }

  /** A suite with no checks (drift only, when a reference is given on the command line). */
  public static Suite empty(String file) {
    return new Suite(file, Optional.empty(), ReadOptions.DEFAULT, List.of(), Optional.empty());
  }

  /** Parses a suite; {@code file} is also the name problems are reported under. */
  public static Suite parse(Path file) {
    return SuiteParser.parse(file, file.toString());
  }

  public static Suite parse(Path file, String displayName) {
    return SuiteParser.parse(file, displayName);
  }

  public Suite withDrift(DriftConfig d) {
    return new Suite(file, name, read, checks, Optional.of(d));
  }
}
