package dev.kiln.release.monitor;

import java.time.Instant;
import java.util.List;

/**
 * A monitor rule that fired: when, on which version, why in words ({@code summary}, such as
 * "input-drift: 4 of 9 features drifted (44% >= 30%) for 2 windows"), the evidence as JSON (the
 * windows and figures it judged), and what each of its actions did.
 */
public record Alert(long id, String environment, String rule, String model, String version, Instant at,
    String summary, String evidenceJson, List<ActionResult> actions) {

  public Alert {
    actions = List.copyOf(actions);
  }

  /** One action of a fired rule: {@code log}, {@code webhook}, {@code rollback} or {@code retrain}. */
  public record ActionResult(String action, String status, String detail, Instant at) {
  }
}
