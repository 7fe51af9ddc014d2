package dev.kiln.release.step;

import java.util.Optional;

/**
 * A metric an upstream step could not compute, as it records it in its details:
 * {@code undefined: fairness.afam.equal_opportunity_ratio: group 'yes' has no positive labels}.
 */
record UndefinedMetric(String metric, String reason) {
  static final String PREFIX = "undefined: ";

  static Optional<UndefinedMetric> parse(String detail) {
    if (!detail.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = detail.substring(PREFIX.length());
    int colon = rest.indexOf(": ");
    if (colon <= 0) {
      return Optional.empty();
    }
    return Optional.of(new UndefinedMetric(rest.substring(0, colon), rest.substring(colon + 2)));
  }
}
