package dev.kiln.core.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * A request to stop a run, from any thread (a signal handler, a server's cancel call). Whoever
 * runs the work registers what to do on cancel; a cancel before registration still takes effect.
 */
public final class Cancellation {
  private final List<Runnable> actions = new ArrayList<>();
  private boolean cancelled;

  public void cancel() {
    List<Runnable> run;
    synchronized (this) {
      cancelled = true;
      run = List.copyOf(actions);
    }
    run.forEach(Runnable::run);
  }

  public synchronized boolean cancelled() {
    return cancelled;
  }

  /** Calls {@code action} on cancel, or now if already cancelled. */
  void onCancel(Runnable action) {
    boolean now;
    synchronized (this) {
      actions.add(action);
      now = cancelled;
    }
    if (now) {
      action.run();
    }
  }
}
