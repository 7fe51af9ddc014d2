package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.history.CiRun;
import dev.kiln.core.history.GitState;
import dev.kiln.core.history.NewRun;
import dev.kiln.core.history.RunRecord;
import dev.kiln.core.runs.RunQueue;
import dev.kiln.core.trigger.TriggerState;
import dev.kiln.core.trigger.TriggerState.Kind;
import dev.kiln.core.trigger.TriggerState.Mark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run queue, the trigger state and the runs' trigger columns; against SQLite and PostgreSQL (subclasses). */
abstract class RunQueueContract {
  static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");
  @TempDir
  Path project;
  String url;

  abstract String url(Path dir);

  MetadataStore open() {
    if (url == null) {
      url = url(project);
    }
    return MetadataStore.open(url, project);
  }

  @Test
  void aRequestWaitsUntilARunStartsItAndThenANewRequestWaitsAgain() {
    try (MetadataStore s = open()) {
      RunQueue q = s.runQueue();
      assertThat(q.waiting("p")).isEmpty();
      long id = q.request("p", "push", "push a1b2c3d: modified data/train.csv", T0);
      RunQueue.Request w = q.waiting("p").orElseThrow();
      assertThat(w.id()).isEqualTo(id);
      assertThat(w.trigger()).isEqualTo("push");
      assertThat(w.cause()).isEqualTo("push a1b2c3d: modified data/train.csv");
      assertThat(w.runId()).isEmpty();
      q.started(id, 12);
      assertThat(q.waiting("p")).isEmpty();
      long next = q.request("p", "schedule", "schedule 0 3 * * *", T0.plusSeconds(60));
      assertThat(next).isNotEqualTo(id);
      assertThat(q.since("p", T0)).extracting(RunQueue.Request::id).containsExactly(id, next);
      assertThat(q.since("p", T0).get(0).runId()).contains(12L);
      assertThat(q.since("p", T0.plusSeconds(1))).extracting(RunQueue.Request::id).containsExactly(next);
    }
  }

  @Test
  void atMostOneRequestWaitsPerPipelineAndAskingAgainAddsTheCause() {
    try (MetadataStore s = open()) {
      RunQueue q = s.runQueue();
      long a = q.request("p", "push", "push a1b2c3d: modified src/train.py", T0);
      long b = q.request("p", "data", "data: data/train.csv changed", T0.plusSeconds(5));
      long again = q.request("p", "data", "data: data/train.csv changed", T0.plusSeconds(6));
      long other = q.request("other", "manual", "", T0);
      assertThat(b).isEqualTo(a);
      assertThat(again).isEqualTo(a);
      assertThat(other).isNotEqualTo(a);
      RunQueue.Request w = q.waiting("p").orElseThrow();
      assertThat(w.trigger()).isEqualTo("push");
      assertThat(w.cause()).isEqualTo("push a1b2c3d: modified src/train.py; data: data/train.csv changed");
      assertThat(q.since("p", Instant.EPOCH)).hasSize(1);
    }
  }

  @Test
  void requestsFromManyConnectionsAtOnceStillLeaveOneWaiting() throws Exception {
    try (MetadataStore s = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Long>> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
          int n = i;
          ids.add(pool.submit(() -> {
            try (MetadataStore own = MetadataStore.open(url, project)) {
              return own.runQueue().request("p", "monitor:drift", "rule drift fired " + n, T0);
            }
          }));
        }
        long first = ids.get(0).get();
        for (Future<Long> f : ids) {
          assertThat(f.get()).isEqualTo(first);
        }
      } finally {
        pool.shutdown();
      }
      assertThat(s.runQueue().since("p", Instant.EPOCH)).hasSize(1);
    }
  }

  @Test
  void aDismissedRequestNoLongerWaits() {
    try (MetadataStore s = open()) {
      long id = s.runQueue().request("p", "monitor:drift", "rule drift fired", T0);
      s.runQueue().dismiss(id, "on.monitor does not name drift", T0);
      assertThat(s.runQueue().waiting("p")).isEmpty();
      assertThat(s.runQueue().request("p", "manual", "", T0)).isNotEqualTo(id);
    }
  }

  @Test
  void triggerMarksSurviveReopeningTheStoreAndAFiringQueuesItsRunWithThem() {
    try (MetadataStore s = open()) {
      TriggerState st = s.triggerState();
      st.mark("p", List.of(new Mark(Kind.BRANCH, "main", "aaa"), new Mark(Kind.DATA, "data/x.csv", "sha256:1")), T0);
      long id = st.fire("p", "push", "push bbbbbbb: modified data/x.csv", T0.plusSeconds(1),
          List.of(new Mark(Kind.BRANCH, "main", "bbb")));
      assertThat(s.runQueue().waiting("p").orElseThrow().id()).isEqualTo(id);
    }
    try (MetadataStore s = open()) {
      TriggerState st = s.triggerState();
      assertThat(st.marks("p", Kind.BRANCH)).isEqualTo(Map.of("main", "bbb"));
      assertThat(st.marks("p", Kind.DATA)).isEqualTo(Map.of("data/x.csv", "sha256:1"));
      assertThat(st.marks("p", Kind.SCHEDULE)).isEmpty();
      assertThat(st.marks("other", Kind.BRANCH)).isEmpty();
    }
  }

  @Test
  void aRunRecordsItsTriggersCauseAndTheCiJobThatStartedIt() {
    CiRun ci = new CiRun("github-actions", "https://github.com/o/r/actions/runs/7", "abc123", "main", "12");
    try (MetadataStore s = open()) {
      long run = s.runs().startRun(new NewRun("p", "push", GitState.NONE, "{}", "0.1", "h", T0, List.of(),
          RunStoreContract.OWNER, "push a1b2c3d: modified data/train.csv", ci));
      long plain = s.runs().startRun(new NewRun("p", "manual", GitState.NONE, "{}", "0.1", "h", T0, List.of(),
          RunStoreContract.OWNER));
      RunRecord r = s.runs().run(run).orElseThrow();
      assertThat(r.trigger()).isEqualTo("push");
      assertThat(r.cause()).isEqualTo("push a1b2c3d: modified data/train.csv");
      assertThat(r.ci()).isEqualTo(ci);
      RunRecord p = s.runs().run(plain).orElseThrow();
      assertThat(p.cause()).isEmpty();
      assertThat(p.ci()).isEqualTo(CiRun.NONE);
    }
  }
}
