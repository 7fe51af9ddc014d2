package dev.kiln.cli;

import dev.kiln.data.Severity;
import dev.kiln.data.check.Suite;
import dev.kiln.data.report.ReportFormat;
import dev.kiln.data.validate.Baseline;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import dev.kiln.stats.profile.ProfileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln validate}: data tests and drift in one scan, with a report and an exit code for CI. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Check a data set against a check suite and, given a baseline, for drift.",
        "",
        "All checks and the drift comparison run in one scan of the data (DuckDB); failing values are "
            + "listed with their row numbers. DATA is a CSV, Parquet or JSON Lines file, or a quoted glob.",
        "",
        "Exit 0 when every error-severity check passes, 1 when one fails, 2 on bad usage, a bad suite "
            + "or data that cannot be read. The suite format is in docs/data-checks.md."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln validate data/train.csv --checks checks/data.yaml",
        "  kiln validate data/new.csv --checks checks/data.yaml \\",
        "      --reference data/train.csv",
        "  kiln validate data/new.csv --checks checks/data.yaml \\",
        "      --profile model/profile.json --format json",
        "  kiln validate 'data/part-*.parquet' --checks checks/data.yaml \\",
        "      --format junit --out reports/data.xml",
        "  kiln validate data/new.csv --reference data/train.csv",
        "                           drift only, with Evidently's defaults"})
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "DATA", description = "The data set: a file or a quoted glob.")
  String data;

  @Option(names = {"-c", "--checks"}, paramLabel = "FILE", description = "The check suite (YAML).")
  String checks;

  @Option(names = {"-r", "--reference"}, paramLabel = "DATA", description = "Compare with this reference data set.")
  String reference;

  @Option(names = {"-p", "--profile"}, paramLabel = "FILE", description = "Compare with this saved profile.")
  String profile;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "text (default), json, junit or html.")
  String format;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the report here (the format follows the "
      + "file's extension unless --format says otherwise); a text summary still goes to the terminal.")
  String out;

  @Option(names = "--fail-on", paramLabel = "LEVEL", description = "error (default) or warning: what fails the run.")
  String failOn = "error";

  @Override
  public Integer call() throws IOException {
    Severity level = Severity.fromLabel(failOn)
        .orElseThrow(() -> new UsageException("--fail-on must be error or warning, not '" + failOn + "'"));
    ReportFormat fmt = format();
    Optional<Baseline> baseline = baseline();
    if (checks == null && baseline.isEmpty()) {
      throw new UsageException("give a check suite (--checks FILE), a baseline (--reference or --profile), or both");
    }
    Suite suite = checks == null ? Suite.empty("(no suite)") : Suite.parse(existing(checks, "check suite"), checks);
    Validation v;
    try {
      v = new Validator(Path.of(""), Optional.of(referenceCache())).validate(data, suite, baseline);
    } catch (ProfileException e) {
      throw new UsageException(e.getMessage());
    }
    emit(v, fmt, level);
    return v.passed(level) ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private ReportFormat format() {
    if (format != null) {
      return ReportFormat.fromLabel(format)
          .orElseThrow(() -> new UsageException("--format must be text, json, junit or html, not '" + format + "'"));
    }
    return out == null ? ReportFormat.TEXT : ReportFormat.fromFileName(out).orElse(ReportFormat.TEXT);
  }

  private Optional<Baseline> baseline() {
    if (reference != null && profile != null) {
      throw new UsageException("give --reference (a data set) or --profile (a saved profile), not both");
    }
    if (reference != null) {
      return Optional.of(new Baseline.Data(Path.of(reference)));
    }
    return profile == null ? Optional.empty() : Optional.of(new Baseline.SavedProfile(existing(profile, "profile")));
  }

  private static Path existing(String file, String what) {
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) {
      throw new UsageException(what + " " + file + ": no such file");
    }
    return p;
  }

  private void emit(Validation v, ReportFormat fmt, Severity level) throws IOException {
    if (out == null) {
      root.out.print(fmt.render(v, level));
      return;
    }
    Path target = Path.of(out);
    if (target.toAbsolutePath().getParent() != null) {
      Files.createDirectories(target.toAbsolutePath().getParent());
    }
    Files.writeString(target, fmt.render(v, level), StandardCharsets.UTF_8);
    root.out.print(ReportFormat.TEXT.render(v, level));
    root.out.println("Report: " + out);
  }

  /**
   * Where profiles of large reference data sets are kept between runs: the project's
   * {@code .kiln/cache/} inside a project, else the user's cache directory.
   */
  private Path referenceCache() {
    try {
      return Project.locate(root.projectDir).resolve(".kiln/cache/reference-profiles");
    } catch (UsageException outsideAProject) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
      return base.resolve("kiln/reference-profiles");
    }
  }
}
