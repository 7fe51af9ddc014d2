package dev.kiln.data.step;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Problem;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepPaths;
import dev.kiln.core.step.StepResult;
import dev.kiln.data.Severity;
import dev.kiln.data.check.Suite;
import dev.kiln.data.drift.DriftConfig;
import dev.kiln.data.read.DataReadException;
import dev.kiln.data.report.ReportFormat;
import dev.kiln.data.validate.Baseline;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code validate-data} step: {@code with: data, checks, reference | profile, label,
 * fail-on: error | warning, report}. Its metrics are the validation's flat metrics
 * ({@code checks.failed}, {@code drift.share}, {@code check.<id>.unexpected_percent}, …), usable by
 * gates. It always writes {@code validation.json} and {@code validation.html} into the run's report
 * directory; {@code report: reports/data.html} also writes the report (format by extension) to that
 * project path and declares it an output, so the artifact store keeps it with the stage.
 */
public final class ValidateDataStep implements Step {
  static final Set<String> KEYS = Set.of("data", "checks", "reference", "profile", "label", "fail-on", "report");

  @Override
  public String name() {
    return "validate-data";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public String summary() {
    return "Data tests: check suites, drift against a reference or profile, in one scan";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    ConfigReader r = check.reader();
    r.allowOnly(with, KEYS);
    Optional<String> data = r.string(with, "data");
    if (!with.has("data")) {
      check.problems().add(with, "validate-data needs 'data': the file or glob to validate");
    }
    Optional<String> checks = r.string(with, "checks");
    Optional<String> reference = r.string(with, "reference");
    Optional<String> profile = r.string(with, "profile");
    r.string(with, "label");
    if (reference.isPresent() && profile.isPresent()) {
      check.problems().add(with, "give 'reference' (a data set) or 'profile' (a saved profile), not both");
    }
    if (!with.has("checks") && !with.has("reference") && !with.has("profile")) {
      check.problems().add(with, "validate-data needs 'checks' (a suite), a 'reference' or 'profile' for drift, or both");
    }
    r.string(with, "fail-on").filter(f -> Severity.fromLabel(f).isEmpty()).ifPresent(f ->
        check.problems().add(with.get("fail-on").orElseThrow(), "expected error or warning, found '" + f + "'"));
    r.string(with, "report").filter(p -> ReportFormat.fromFileName(p).isEmpty()).ifPresent(p ->
        check.problems().add(with.get("report").orElseThrow(), "the report's extension says its format: .json, .xml "
            + "(JUnit), .html or .txt"));
    checks.ifPresent(c -> suiteProblems(with, c, check));
    data.filter(String::isBlank).ifPresent(d -> check.problems().add(with.get("data").orElseThrow(), "'data' is empty"));
  }

  /** Problems in the suite itself are reported at the stage's 'checks' key, each with the suite's own location. */
  private static void suiteProblems(MapNode with, String checks, StepCheck check) {
    Path file = check.projectDir().resolve(checks);
    if (!Files.isRegularFile(file)) {
      check.problems().add(with.get("checks").orElseThrow(), "check suite '" + checks + "' does not exist");
      return;
    }
    try {
      Suite.parse(file, checks);
    } catch (ConfigException e) {
      for (Problem p : e.problems()) {
        check.problems().add(with.get("checks").orElseThrow(), "in the check suite: " + p);
      }
    }
  }

  @Override
  public StepPaths paths(Map<String, Object> with) {
    List<String> deps = new ArrayList<>();
    for (String key : List.of("data", "checks", "reference", "profile")) {
      Object v = with.get(key);
      if (v instanceof String s && !s.isBlank()) {
        deps.add(s);
      }
    }
    Object report = with.get("report");
    return new StepPaths(deps, report instanceof String s ? List.of(s) : List.of());
  }

  @Override
  public StepResult run(StepContext context) throws Exception {
    Map<String, Object> with = context.with();
    Suite suite = text(with, "checks").map(c -> Suite.parse(context.resolve(c), c)).orElse(Suite.empty("(no suite)"));
    Optional<String> label = text(with, "label");
    if (label.isPresent()) {
      suite = suite.withDrift(suite.drift().orElse(DriftConfig.DEFAULT).withLabel(label.get()));
    }
    Optional<Baseline> baseline = text(with, "reference").map(r -> (Baseline) new Baseline.Data(context.resolve(r)))
        .or(() -> text(with, "profile").map(p -> new Baseline.SavedProfile(context.resolve(p))));
    Severity failOn = text(with, "fail-on").flatMap(Severity::fromLabel).orElse(Severity.ERROR);
    String data = context.resolve(text(with, "data").orElseThrow()).toString();
    Validation v;
    try {
      v = new Validator(context.projectDir(),
          Optional.of(context.projectDir().resolve(".kiln/cache/reference-profiles"))).validate(data, suite, baseline);
    } catch (DataReadException e) {
      return StepResult.failed(e.userMessage(), Map.of(), List.of());
    }
    writeReports(v, failOn, context, text(with, "report"));
    ReportFormat.TEXT.render(v, failOn).lines().forEach(context.log()::println);
    return result(v, failOn);
  }

  private static void writeReports(Validation v, Severity failOn, StepContext context, Optional<String> report)
      throws java.io.IOException {
    Path dir = context.reportDir();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("validation.json"), ReportFormat.JSON.render(v, failOn), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("validation.html"), ReportFormat.HTML.render(v, failOn), StandardCharsets.UTF_8);
    if (report.isPresent()) {
      Path target = context.resolve(report.get());
      Files.createDirectories(target.getParent());
      ReportFormat fmt = ReportFormat.fromFileName(report.get()).orElse(ReportFormat.JSON);
      Files.writeString(target, fmt.render(v, failOn), StandardCharsets.UTF_8);
    }
  }

  static StepResult result(Validation v, Severity failOn) {
    Map<String, Double> metrics = v.metrics();
    String driftPart = v.drift().map(d -> "; drift share " + round(d.share())).orElse("");
    if (v.passed(failOn)) {
      return StepResult.passed(v.checksPassed() + " of " + v.checks().size() + " data checks passed" + driftPart, metrics);
    }
    List<String> failures = v.failures(failOn);
    List<String> ids = failures.stream().map(f -> f.substring(0, f.indexOf(':'))).toList();
    String reason = failures.size() + (failures.size() == 1 ? " data check failed: " : " data checks failed: ")
        + String.join(", ", ids.subList(0, Math.min(10, ids.size()))) + (ids.size() > 10 ? ", …" : "") + driftPart;
    return StepResult.failed(reason, metrics, failures);
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  private static Optional<String> text(Map<String, Object> with, String key) {
    Object v = with.get(key);
    return v instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }
}
