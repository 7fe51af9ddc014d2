package dev.kiln.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.history.GitState;
import dev.kiln.core.history.RunOwner;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.history.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LivenessTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final RunOwner OWNER = new RunOwner("ci-1", 4242, T0.minusSeconds(30));

  static RunRecord running(Optional<RunOwner> owner, Instant heartbeat) {
    return new RunRecord(1, "p", RunStatus.RUNNING, "", "manual", GitState.NONE, "{}", "0.1", "h", T0, null, List.of(),
        owner, Optional.ofNullable(heartbeat));
  }

  static ProcessTable table(Map<Long, Instant> live) {
    return pid -> Optional.ofNullable(live.get(pid));
  }

  @Test
  void aRunWhoseProcessIsAliveOnThisHostIsNotAbandonedWhateverItsHeartbeat() {
    Liveness l = new Liveness("ci-1", table(Map.of(4242L, OWNER.processStart())), Duration.ofMinutes(1));
    assertThat(l.abandoned(running(Optional.of(OWNER), T0), T0.plus(Duration.ofHours(3)))).isEmpty();
  }

  @Test
  void aRunWhoseProcessIsGoneOnThisHostIsAbandonedAtOnce() {
    Liveness l = new Liveness("ci-1", table(Map.of()), Duration.ofMinutes(1));
    assertThat(l.abandoned(running(Optional.of(OWNER), T0), T0.plusSeconds(1))).get().asString()
        .contains("pid 4242 on ci-1", "is gone");
  }

  @Test
  void aReusedPidIsNotTakenForTheOwner() {
    Liveness l = new Liveness("ci-1", table(Map.of(4242L, T0.plusSeconds(5))), Duration.ofMinutes(1));
    assertThat(l.abandoned(running(Optional.of(OWNER), T0), T0.plusSeconds(10))).isPresent();
  }

  @Test
  void aRunOnAnotherHostIsAliveWhileItsLeaseIsRenewed() {
    Liveness l = new Liveness("laptop", table(Map.of()), Duration.ofMinutes(1));
    RunRecord r = running(Optional.of(OWNER), T0.plusSeconds(600));
    assertThat(l.abandoned(r, T0.plusSeconds(650))).as("50 s after its last heartbeat").isEmpty();
    assertThat(l.abandoned(r, T0.plusSeconds(661))).get().asString().contains("has not renewed its lease for 1m01s");
  }

  @Test
  void aRunRecordedBeforeOwnersWereKeptCountsAsAbandoned() {
    Liveness l = new Liveness("ci-1", table(Map.of()), Duration.ofMinutes(1));
    assertThat(l.abandoned(running(Optional.empty(), null), T0)).isPresent();
  }
}
