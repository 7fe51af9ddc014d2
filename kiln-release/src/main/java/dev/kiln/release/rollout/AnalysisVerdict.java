package dev.kiln.release.rollout;

import java.util.List;

/**
 * The judgement of one interval, as in Argo Rollouts: the candidate passed, failed (a condition
 * of {@code rollback-if} held), was inconclusive (too few requests to judge), or the measurement
 * errored. Each says why, in words.
 */
public sealed interface AnalysisVerdict {

  String describe();

  record Passed(List<String> checks) implements AnalysisVerdict {
    public Passed {
      checks = List.copyOf(checks);
    }

    @Override
    public String describe() {
      return String.join(", ", checks);
    }
  }

  record Failed(List<String> failures, List<String> checks) implements AnalysisVerdict {
    public Failed {
      failures = List.copyOf(failures);
      checks = List.copyOf(checks);
    }

    @Override
    public String describe() {
      return String.join(", ", failures);
    }
  }

  record Inconclusive(String why) implements AnalysisVerdict {
    @Override
    public String describe() {
      return why;
    }
  }

  record Errored(String why) implements AnalysisVerdict {
    @Override
    public String describe() {
      return "the measurement failed: " + why;
    }
  }
}
