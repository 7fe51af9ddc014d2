package dev.kiln.data.validate;

import dev.kiln.core.config.ConfigException;
import dev.kiln.data.check.CheckPlan;
import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Suite;
import dev.kiln.data.drift.DriftConfig;
import dev.kiln.data.drift.DriftPlan;
import dev.kiln.data.drift.DriftReport;
import dev.kiln.data.drift.Reference;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.DataReadException;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Row;
import dev.kiln.stats.profile.Profile;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Validates a data set against a suite: opens it, compiles every check and the drift comparison
 * into one fused scan, runs the few targeted follow-ups, and returns a {@link Validation}.
 * A value that defeats the type DuckDB sniffed from a sample makes the validator re-read that
 * column as text and start again, so the offending values show up as failed checks.
 */
public final class Validator {
  private final Path base;
  private final Optional<ReferenceCache> cache;

  /** {@code base} resolves relative paths in the suite (drift.reference, drift.profile). */
  public Validator(Path base) {
    this(base, Optional.empty());
  }

  /**
   * With a cache directory, the profile of a large reference data set is kept there and reused
   * while the reference files are unchanged (see {@link ReferenceCache}).
   */
  public Validator(Path base, Optional<Path> referenceCache) {
    this.base = base;
    this.cache = referenceCache.map(ReferenceCache::new);
  }

  /**
   * Validates {@code data}. {@code baseline} (from the command line) overrides the suite's
   * drift.reference / drift.profile; a suite without {@code drift:} gets the default drift
   * configuration when a baseline is given.
   */
  public Validation validate(String data, Suite suite, Optional<Baseline> baseline) {
    long start = System.nanoTime();
    Optional<DriftConfig> drift = driftConfig(suite, baseline);
    Optional<Reference> reference = drift.map(d -> reference(d, suite));
    try (DataSource ds = DataSource.open(data, suite.read())) {
      Outcome o = runRelaxing(ds, suite, drift, reference);
      return new Validation(data, suite.file(), o.rows, o.checks, o.drift, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private record Outcome(long rows, List<CheckResult> checks, Optional<DriftReport> drift) {}

  private Outcome runRelaxing(DataSource ds, Suite suite, Optional<DriftConfig> drift, Optional<Reference> reference) {
    int retries = ds.columns().size();
    while (true) {
      try {
        return runOnce(ds, suite, drift, reference);
      } catch (DataReadException e) {
        if (retries-- <= 0 || !(e.getCause() instanceof SQLException se) || ds.relaxAfter(se).isEmpty()) {
          throw e;
        }
      }
    }
  }

  private Outcome runOnce(DataSource ds, Suite suite, Optional<DriftConfig> drift, Optional<Reference> reference) {
    Aggregates scan = new Aggregates();
    int rows = scan.add("count(*)");
    CheckPlan checks = CheckPlan.compile(ds, suite.checks(), suite.file(), scan);
    Optional<DriftPlan> driftPlan = reference.map(r -> DriftPlan.compile(ds, r, drift.orElseThrow(), scan));
    Row row = scan.run(ds.connection(), DataSource.VIEW, ds.location());
    List<CheckResult> results = checks.finish(row);
    Optional<DriftReport> report = driftPlan.map(p -> p.finish(row));
    return new Outcome(row.count(rows), results, report);
  }

  private static Optional<DriftConfig> driftConfig(Suite suite, Optional<Baseline> baseline) {
    if (baseline.isEmpty()) {
      Optional<DriftConfig> d = suite.drift();
      if (d.isPresent() && d.get().reference().isEmpty() && d.get().profile().isEmpty()) {
        throw ConfigException.of(suite.file(), "drift: there is nothing to compare with: give 'reference:' or "
            + "'profile:' under drift, or --reference / --profile");
      }
      return d;
    }
    DriftConfig d = suite.drift().orElse(DriftConfig.DEFAULT);
    return Optional.of(baseline.get() instanceof Baseline.Data b ? d.withReference(b.path().toString())
        : d.withProfile(baseline.get().path().toString()));
  }

  private Reference reference(DriftConfig d, Suite suite) {
    if (d.profile().isPresent()) {
      Path p = base.resolve(d.profile().get());
      return Reference.of(Profile.read(p), p.toString());
    }
    String ref = d.reference().orElseThrow();
    String resolved = base.resolve(ref).toString();
    Optional<String> key = cache.flatMap(c -> ReferenceCache.key(resolved, suite.read()));
    Optional<Profile> cached = key.flatMap(k -> cache.get().get(k));
    if (cached.isPresent()) {
      dev.kiln.core.Trace.mark("reference profile from the cache: " + key.get());
      return Reference.of(cached.get(), resolved);
    }
    try (DataSource rs = DataSource.open(resolved, suite.read())) {
      Reference r = Reference.load(rs);
      if (r.values().isEmpty()) {
        key.ifPresent(k -> cache.get().put(k, r.profile()));
      }
      return r;
    }
  }
}
