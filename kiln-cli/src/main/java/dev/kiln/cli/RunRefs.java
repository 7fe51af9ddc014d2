package dev.kiln.cli;

import dev.kiln.core.history.RunRecord;
import java.util.List;

/** Turns a run argument ({@code 12}, {@code latest}, {@code latest~1}, or nothing) into a run. */
final class RunRefs {
  private RunRefs() {}

  static RunRecord resolve(Project project, String ref) {
    String r = ref == null ? "latest" : ref.trim();
    if (r.equals("latest") || r.equals("last") || r.startsWith("latest~")) {
      int back = r.startsWith("latest~") ? parse(r.substring(7), ref) : 0;
      List<RunRecord> runs = project.store.runs().runs(project.pipeline.name(), back + 1);
      if (runs.size() <= back) {
        throw new UsageException(runs.isEmpty() ? "no runs yet: start one with 'kiln run'"
            : "only " + runs.size() + " run(s) recorded; '" + ref + "' does not exist");
      }
      return runs.get(back);
    }
    long id = parse(r, ref);
    return project.store.runs().run(id)
        .filter(x -> x.pipeline().equals(project.pipeline.name()))
        .orElseThrow(() -> new UsageException("no run " + id + " in pipeline '" + project.pipeline.name()
            + "'; see 'kiln runs'"));
  }

  private static int parse(String digits, String ref) {
    try {
      int n = Integer.parseInt(digits);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("'" + ref + "' is not a run: use a run number, 'latest' or 'latest~N'");
    }
  }
}
