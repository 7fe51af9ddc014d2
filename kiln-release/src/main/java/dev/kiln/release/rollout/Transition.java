package dev.kiln.release.rollout;

import java.util.List;

/** The result of one step of the rollout machine: the new state, the routing to apply, and what happened. */
public record Transition(RolloutState state, Routing routing, List<RolloutEvent> events) {
  public Transition {
    events = List.copyOf(events);
  }
}
