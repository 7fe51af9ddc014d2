package dev.kiln.bench;

import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.model.features.Columns;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.predict.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * In-process XGBoost prediction on one model and the rows of a CSV file: XGBoost4J as
 * {@code kiln evaluate} runs it (its default threads), XGBoost4J with {@code nthread=1} as the
 * gateway ran it before (a {@code Booster.inplace_predict} per call), and Kiln's Java predictor
 * (what the gateway serves with now). Time per single-row call (p50, p99, mean) and rows/s in
 * 1,000-row calls, measured in alternating rounds so all see the same machine, and the largest
 * difference between the predictions.
 * Usage: PredictBench MODEL_DIR ROWS.csv [ROUNDS=5]
 */
public final class PredictBench {
  private static final long WARM_UP_NANOS = 3_000_000_000L;

  private PredictBench() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    Columns data;
    try (DataSource ds = DataSource.open(args[1], ReadOptions.DEFAULT)) {
      data = Columns.of(ds.load(List.of()));
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String loadStart = Files.readString(Path.of("/proc/loadavg")).trim();
    Models.Location at = Models.resolve(model.toString(), Path.of(""));
    Booster single = XGBoost.loadModel(at.modelFile().toString());
    single.setParam("nthread", "1");
    try (Predictor xgb4j = Models.load(at); Predictor java = Models.loadForServing(at)) {
      FeatureMatrix all = java.encoder().encode(data);
      List<FeatureMatrix> singles = singles(all);
      FeatureMatrix batch = slice(all, 0, Math.min(1000, all.rows()));
      System.out.printf(Locale.ROOT, "%d rows of %d features; largest |XGBoost4J - Java| over all rows: %.3g%n",
          all.rows(), all.cols(), largestDifference(xgb4j.predict(all), java.predict(all)));
      Run[] runs = {m -> first(xgb4j.predict(m)), m -> single.inplace_predict(m.values(), m.rows(), m.cols(),
          Float.NaN)[0][0], m -> first(java.predict(m))};
      String[] names = {"XGBoost4J (kiln evaluate: default threads)", "XGBoost4J nthread=1 (the gateway before)",
          "Java (the gateway now)"};
      for (Run r : runs) {
        warmUp(r, singles, batch);
      }
      List<List<double[]>> results = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int r = 0; r < rounds; r++) {
        for (int b = 0; b < runs.length; b++) {
          results.get(b).add(round(runs[b], singles, batch));
        }
      }
      System.out.printf(Locale.ROOT, "%-44s %12s %12s %12s %14s%n", "predictor", "p50 µs/call", "p99 µs/call",
          "mean µs/call", "batch rows/s");
      double[][] med = new double[runs.length][];
      for (int b = 0; b < runs.length; b++) {
        med[b] = medians(results.get(b));
        System.out.printf(Locale.ROOT, "%-44s %12.2f %12.2f %12.2f %14.0f%n", names[b], med[b][0], med[b][1],
            med[b][2], med[b][3]);
      }
      System.out.printf(Locale.ROOT, "Java / XGBoost4J nthread=1: single-row call %.1fx faster (p50), %.1fx (mean); "
          + "batch %.1fx the rows/s%n", med[1][0] / med[2][0], med[1][2] / med[2][2], med[2][3] / med[1][3]);
    } finally {
      single.dispose();
    }
    System.out.printf(Locale.ROOT, "median of %d rounds; load average at start %s, at end %s; %d cores%n", rounds,
        loadStart, Files.readString(Path.of("/proc/loadavg")).trim(), Runtime.getRuntime().availableProcessors());
  }

  private static List<FeatureMatrix> singles(FeatureMatrix all) {
    List<FeatureMatrix> out = new ArrayList<>();
    for (int i = 0; i < all.rows(); i++) {
      out.add(slice(all, i, i + 1));
    }
    return out;
  }

  private static FeatureMatrix slice(FeatureMatrix m, int from, int to) {
    return new FeatureMatrix(Arrays.copyOfRange(m.values(), from * m.cols(), to * m.cols()), to - from, m.cols());
  }

  /** One way of predicting: the first output of the first row. */
  private interface Run {
    double first(FeatureMatrix m) throws Exception;
  }

  private static void warmUp(Run p, List<FeatureMatrix> singles, FeatureMatrix batch) throws Exception {
    long end = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < end) {
      for (FeatureMatrix row : singles) {
        p.first(row);
      }
      p.first(batch);
    }
  }

  /** {p50 µs, p99 µs, mean µs} of single-row calls over every row, and batch rows/s over ≥ 1 s. */
  private static double[] round(Run p, List<FeatureMatrix> singles, FeatureMatrix batch) throws Exception {
    long[] ns = new long[singles.size()];
    double sink = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < ns.length; i++) {
      long s = System.nanoTime();
      sink += p.first(singles.get(i));
      ns[i] = System.nanoTime() - s;
    }
    double mean = (System.nanoTime() - t0) / 1e3 / ns.length;
    Arrays.sort(ns);
    long rows = 0;
    long b0 = System.nanoTime();
    while (System.nanoTime() - b0 < 1_000_000_000L) {
      sink += p.first(batch);
      rows += batch.rows();
    }
    double rowsPerS = rows / ((System.nanoTime() - b0) / 1e9);
    if (sink == 42) {
      System.out.print("");
    }
    return new double[] {ns[ns.length / 2] / 1e3, ns[(int) (ns.length * 0.99)] / 1e3, mean, rowsPerS};
  }

  private static double first(Predictions p) {
    return p instanceof Predictions.Classes c ? c.probabilities()[0][0] : ((Predictions.Scores) p).values()[0];
  }

  private static double[] medians(List<double[]> rounds) {
    double[] out = new double[rounds.get(0).length];
    for (int k = 0; k < out.length; k++) {
      int kk = k;
      double[] v = rounds.stream().mapToDouble(r -> r[kk]).sorted().toArray();
      out[k] = v[v.length / 2];
    }
    return out;
  }

  private static double largestDifference(Predictions a, Predictions b) {
    double worst = 0;
    if (a instanceof Predictions.Classes ca) {
      double[][] pb = ((Predictions.Classes) b).probabilities();
      for (int i = 0; i < ca.rows(); i++) {
        for (int k = 0; k < pb[i].length; k++) {
          worst = Math.max(worst, Math.abs(ca.probabilities()[i][k] - pb[i][k]));
        }
      }
    } else {
      double[] va = ((Predictions.Scores) a).values();
      double[] vb = ((Predictions.Scores) b).values();
      for (int i = 0; i < va.length; i++) {
        worst = Math.max(worst, Math.abs(va[i] - vb[i]));
      }
    }
    return worst;
  }
}
