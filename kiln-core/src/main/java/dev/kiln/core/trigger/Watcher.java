package dev.kiln.core.trigger;

import dev.kiln.core.runs.RunQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline's triggers, polled: each {@link #poll} checks pushes, schedules and (at their interval)
 * watched data against the {@link TriggerState}, queues a run for each finding that fires (several join
 * the one waiting request) and records what was seen, so the next poll, or the next watcher after a
 * restart, does not find it again. Time comes from the clock; nothing here sleeps or starts runs.
 */
public final class Watcher {
  /** The current content digest of each watched path ({@link DataCheck#MISSING} if absent). */
  @FunctionalInterface
  public interface DataProbe {
    Map<String, String> digests(List<String> paths);
  }

  /** A finding and, if it fired, the request it queued or joined. */
  public record Decision(Finding finding, Optional<Long> requestId) {}

  private final String pipeline;
  private final TriggerState state;
  private final Optional<GitLog> git;
  private final DataProbe data;
  private final Clock clock;
  private Instant lastDataPoll;

  public Watcher(String pipeline, TriggerState state, Optional<GitLog> git, DataProbe data, Clock clock) {
    this.pipeline = pipeline;
    this.state = state;
    this.git = git;
    this.data = data;
    this.clock = clock;
  }

  /** Checks every trigger of {@code triggers} that is due now and records the outcome. */
  public List<Decision> poll(Triggers triggers) {
    Instant now = clock.instant();
    List<Finding> found = new ArrayList<>();
    if (triggers.push().isPresent() && git.isPresent()) {
      found.addAll(PushCheck.check(triggers.push().get(), git.get(), state.marks(pipeline, TriggerState.Kind.BRANCH)));
    }
    if (!triggers.schedules().isEmpty()) {
      Map<String, String> slots = state.marks(pipeline, TriggerState.Kind.SCHEDULE);
      for (Schedule s : triggers.schedules()) {
        ScheduleCheck.check(s, Optional.ofNullable(slots.get(s.key())), now).ifPresent(found::add);
      }
    }
    if (triggers.data().isPresent() && dataDue(triggers.data().get(), now)) {
      lastDataPoll = now;
      DataCheck.check(data.digests(triggers.data().get().paths()), state.marks(pipeline, TriggerState.Kind.DATA))
          .ifPresent(found::add);
    }
    List<Decision> out = new ArrayList<>();
    for (Finding f : found) {
      if (f.fires()) {
        out.add(new Decision(f, Optional.of(state.fire(pipeline, f.trigger(), f.cause(), now, f.marks()))));
      } else {
        state.mark(pipeline, f.marks(), now);
        out.add(new Decision(f, Optional.empty()));
      }
    }
    return out;
  }

  private boolean dataDue(DataWatch watch, Instant now) {
    if (lastDataPoll == null || watch.interval().isEmpty()) {
      return true;
    }
    return !Duration.between(lastDataPoll, now).minus(watch.interval().get()).isNegative();
  }

  /**
   * Why a waiting request must not start this pipeline, if it must not: a monitor rule's request that
   * {@code on: monitor} does not accept.
   */
  public static Optional<String> refusal(Triggers triggers, RunQueue.Request request) {
    if (!request.trigger().startsWith("monitor:")) {
      return Optional.empty();
    }
    String rule = request.trigger().substring("monitor:".length());
    if (triggers.monitor().accepts(rule)) {
      return Optional.empty();
    }
    return Optional.of(triggers.monitor().rules().isEmpty()
        ? "on: has no 'monitor' (add 'monitor: true' or 'monitor: [" + rule + "]' to let monitor rules start runs)"
        : "on.monitor does not name rule '" + rule + "' (it names " + String.join(", ", triggers.monitor().rules())
            + ")");
  }
}
