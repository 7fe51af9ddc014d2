package dev.kiln.core.plan;

import java.util.List;

/** The stages form a cycle; {@link #cycle()} names it in order, first stage repeated last. */
public final class CycleException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> cycle;

  public CycleException(List<String> cycle) {
    super("cycle: " + String.join(" → ", cycle));
    this.cycle = List.copyOf(cycle);
  }

  public List<String> cycle() {
    return cycle;
  }
}
