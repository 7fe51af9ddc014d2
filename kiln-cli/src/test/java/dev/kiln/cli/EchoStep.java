package dev.kiln.cli;

import dev.kiln.core.config.MapNode;
import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepCheck;
import dev.kiln.core.step.StepContext;
import dev.kiln.core.step.StepPaths;
import dev.kiln.core.step.StepResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * A test step: writes {@code with.text} to {@code with.out}, records its length as a metric, and
 * exports the text as the variable named by {@code with.export}, if given.
 */
public final class EchoStep implements Step {
  @Override
  public String name() {
    return "test-echo";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public String summary() {
    return "writes a text to a file (tests only)";
  }

  @Override
  public void validate(MapNode with, StepCheck check) {
    check.reader().allowOnly(with, List.of("text", "out", "fail", "export"));
    if (!with.has("out")) {
      check.problems().add(with, "test-echo needs 'out'");
    }
  }

  @Override
  public StepPaths paths(Map<String, Object> with) {
    return new StepPaths(List.of(), List.of(String.valueOf(with.get("out"))));
  }

  @Override
  public StepResult run(StepContext c) throws Exception {
    String text = String.valueOf(c.with().get("text"));
    c.log().println("echo: " + text);
    Files.writeString(c.resolve(String.valueOf(c.with().get("out"))), text);
    if (Boolean.TRUE.equals(c.with().get("fail"))) {
      return StepResult.failed("asked to fail", Map.of("length", (double) text.length()), List.of("detail one"));
    }
    StepResult r = StepResult.passed("wrote " + text.length() + " characters", Map.of("length", (double) text.length()));
    Object export = c.with().get("export");
    return export == null ? r : r.exporting(Map.of(String.valueOf(export), text));
  }
}
