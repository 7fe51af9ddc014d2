package dev.kiln.serve.monitor;

import java.time.Duration;
import java.util.List;

/**
 * One monitor rule: it holds on a window when any of its {@code conditions} holds, fires once it
 * held on {@code forWindows} judged windows of one version in a row (inconclusive windows neither
 * count nor break the row), and does not fire again for {@code coolDown} after it fired; when it
 * fires its {@code actions} run in order.
 */
public record Rule(String name, List<Condition> conditions, int forWindows, Duration coolDown,
    List<ActionSpec> actions) {
  public static final Duration DEFAULT_COOL_DOWN = Duration.ofHours(1);

  public Rule {
    conditions = List.copyOf(conditions);
    actions = List.copyOf(actions);
  }
}
