package dev.kiln.serve.monitor;

import java.time.Instant;

/**
 * What the {@link RuleEngine} decided on a window: a rule fires (its actions are due), or a rule
 * that fired on a version holds no longer there (resolved). Each says why in words, and a firing
 * carries its evidence as JSON: the windows it judged and the figures it judged them on.
 */
public sealed interface Decision {
  Rule rule();

  String environment();

  String model();

  String version();

  Instant at();

  String summary();

  record Fire(Rule rule, String environment, String model, String version, Instant at, String summary,
      String evidenceJson) implements Decision {
  }

  record Resolve(Rule rule, String environment, String model, String version, Instant at, String summary)
      implements Decision {
  }
}
