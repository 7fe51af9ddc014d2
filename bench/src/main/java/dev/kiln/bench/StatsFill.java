package dev.kiln.bench;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.hash.Digest;
import dev.kiln.core.history.ExecStatus;
import dev.kiln.core.history.ExecutionRecord;
import dev.kiln.core.history.GitState;
import dev.kiln.core.history.NewRun;
import dev.kiln.core.history.RunHistory;
import dev.kiln.core.history.RunOwner;
import dev.kiln.core.history.RunStatus;
import dev.kiln.core.history.StageOutput;
import dev.kiln.release.gate.GateVerdict;
import dev.kiln.release.step.GateStep;
import dev.kiln.store.MetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fills a metadata store through the {@link RunHistory} port with RUNS runs of an 8-stage
 * pipeline over the 30 days before now, for {@code bench/stats/run.sh}: each run changes
 * something from a random stage on (earlier stages up to date), a ran stage is sometimes
 * restored from the run-cache instead, stages fail now and then (the gate more often, with its
 * verdict), and a failure skips the rest. Fixed seed, so every fill holds the same figures
 * apart from the times.
 * Usage: StatsFill DB_FILE [RUNS=10000] [SEED=7]
 */
public final class StatsFill {
  static final List<String> STAGES = List.of("fetch", "validate", "featurize", "train", "evaluate", "gate",
      "register", "deploy");
  static final double[] MEDIAN_MS = {800, 2500, 6000, 45000, 9000, 40, 120, 3000};
  private static final RunOwner OWNER = new RunOwner("bench", 1, Instant.EPOCH);

  private StatsFill() {}

  public static void main(String[] args) {
    Path db = Path.of(args[0]).toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Random rnd = new Random(args.length > 2 ? Long.parseLong(args[2]) : 7);
    long t0 = System.nanoTime();
    try (MetadataStore store = MetadataStore.open("jdbc:sqlite:" + db, db.getParent())) {
      RunHistory h = store.runs();
      Instant start = Instant.now().minus(Duration.ofDays(30));
      long step = Duration.ofDays(30).toMillis() / runs;
      long[] last = new long[STAGES.size()];
      for (int i = 0; i < runs; i++) {
        run(h, rnd, start.plusMillis(i * step), last);
      }
    }
    System.out.printf("filled %s: %d runs x %d stages in %.1f s%n", db, runs, STAGES.size(),
        (System.nanoTime() - t0) / 1e9);
  }

  private static void run(RunHistory h, Random rnd, Instant at, long[] last) {
    long run = h.startRun(new NewRun("bench", "manual", GitState.NONE, "{}", "bench", "bench", at, List.of(), OWNER));
    int changedFrom = rnd.nextInt(STAGES.size() + 1);
    boolean failed = false;
    Instant t = at;
    for (int s = 0; s < STAGES.size(); s++) {
      long id = h.startExecution(run, STAGES.get(s), t);
      ExecStatus status;
      long wall;
      if (failed) {
        status = ExecStatus.SKIPPED;
        wall = 0;
      } else if (s < changedFrom && last[s] > 0) {
        status = ExecStatus.UP_TO_DATE;
        wall = 2 + rnd.nextInt(5);
      } else if (rnd.nextDouble() < 0.1 && last[s] > 0) {
        status = ExecStatus.RESTORED;
        wall = 20 + rnd.nextInt(200);
      } else {
        status = rnd.nextDouble() < (s == 5 ? 0.15 : 0.03) ? ExecStatus.FAILED : ExecStatus.SUCCEEDED;
        wall = Math.round(MEDIAN_MS[s] * Math.exp(0.4 * rnd.nextGaussian()));
      }
      boolean ran = status == ExecStatus.SUCCEEDED || status == ExecStatus.FAILED;
      Long source = status == ExecStatus.UP_TO_DATE || status == ExecStatus.RESTORED ? last[s] : null;
      h.finishExecution(new ExecutionRecord(id, run, STAGES.get(s), status, status.label(), "f" + s, "{}", t,
          t.plusMillis(wall), wall, ran ? wall / 3 : -1, ran ? (50L << 20) + rnd.nextInt(400 << 20) : -1,
          ran ? (status == ExecStatus.FAILED ? 1 : 0) : null, null, ran ? 1 : 0, source, metrics(s, rnd),
          outputs(s, run), List.of(), output(s, status)));
      if (status == ExecStatus.SUCCEEDED) {
        last[s] = id;
      }
      failed |= status == ExecStatus.FAILED;
      t = t.plusMillis(wall);
    }
    h.finishRun(run, failed ? RunStatus.FAILED : RunStatus.SUCCEEDED, "", t);
  }

  private static Map<String, Double> metrics(int stage, Random rnd) {
    return stage == 4 ? Map.of("auc", 0.8 + rnd.nextDouble() / 10, "accuracy", 0.9, "log_loss", 0.3)
        : stage == 3 ? Map.of("train_rows", 120_000.0) : Map.of();
  }

  private static List<Output> outputs(int stage, long run) {
    return stage == 2 || stage == 3 ? List.of(new Output(STAGES.get(stage) + ".out", Output.Kind.FILE,
        Digest.ofBytes((run + "/" + stage).getBytes()), 1024, 1)) : List.of();
  }

  private static StageOutput output(int stage, ExecStatus status) {
    if (stage != 5 || status == ExecStatus.SKIPPED) {
      return StageOutput.NONE;
    }
    boolean blessed = status != ExecStatus.FAILED;
    return GateStep.VERDICT.store(new GateVerdict(blessed, List.of(new GateVerdict.Check("auc", blessed,
        "auc " + (blessed ? "0.85 >= 0.8" : "0.75 < 0.8"))), List.of()));
  }
}
