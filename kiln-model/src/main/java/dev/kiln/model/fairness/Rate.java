package dev.kiln.model.fairness;

import java.util.OptionalDouble;

/**
 * A per-group rate that fairness compares between groups: the selection rate (always defined
 * for a group with rows), the TPR (needs positive labels) and the FPR (needs negative labels).
 */
enum Rate {
  SELECTION("selection rate", "selection_rate", ""),
  TPR("TPR", "tpr", "positive"),
  FPR("FPR", "fpr", "negative");

  private final String label;
  private final String metric;
  private final String needs;

  Rate(String label, String metric, String needs) {
    this.label = label;
    this.metric = metric;
    this.needs = needs;
  }

  String label() {
    return label;
  }

  /** The per-group metric's name: {@code group.G.<metric>}. */
  String metric() {
    return metric;
  }

  /** The group's rate, or why it has none. */
  Measure measure(GroupRates g) {
    OptionalDouble r = of(g);
    return r.isPresent() ? Measure.of(r.getAsDouble()) : Measure.undefined(missingIn(g));
  }

  OptionalDouble of(GroupRates g) {
    return switch (this) {
      case SELECTION -> OptionalDouble.of(g.selectionRate());
      case TPR -> g.tpr();
      case FPR -> g.fpr();
    };
  }

  /** Why the group has no such rate, e.g. "group 'yes' has no positive labels". */
  String missingIn(GroupRates g) {
    return "group '" + g.group() + "' has no " + needs + " labels";
  }
}
