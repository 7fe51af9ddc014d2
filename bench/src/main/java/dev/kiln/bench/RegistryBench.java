package dev.kiln.bench;

import dev.kiln.core.artifact.Output;
import dev.kiln.core.hash.Digest;
import dev.kiln.core.history.GitState;
import dev.kiln.release.gate.GateVerdict;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.Promoter;
import dev.kiln.release.registry.Promotion;
import dev.kiln.release.registry.ModelRegistry;
import dev.kiln.release.registry.ModelVersion;
import dev.kiln.release.registry.NewVersion;
import dev.kiln.store.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registry operations on SQLite and PostgreSQL: register, resolve an alias, list 10,000 versions,
 * promote, and read a history of 10,000 moves. Prints p50 and p99 of each, per back end.
 * Usage: RegistryBench [VERSIONS] [POSTGRES_URL]
 */
public final class RegistryBench {
  private RegistryBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String pg = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    Path dir = Files.createTempDirectory("kiln-registry-bench");
    System.out.printf(Locale.ROOT, "%-10s %-36s %10s %10s %8s%n", "backend", "operation", "p50 ms", "p99 ms", "count");
    run("sqlite", "jdbc:sqlite:" + dir.resolve("kiln.db"), dir, n);
    run("postgres", freshSchema(pg), dir, n);
  }

  private static void run(String name, String url, Path dir, int n) {
    try (MetadataStore store = MetadataStore.open(url, dir)) {
      ModelRegistry r = store.registry();
      double[] register = new double[n];
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        r.register(version(i));
        register[i] = ms(t);
      }
      report(name, "register a version", register);
      Promoter promoter = new Promoter(r);
      promoter.promote(Promotion.of("bench", n, "production", "bench", Instant.now()));
      report(name, "resolve name@production", repeat(2000, () -> r.resolve(ModelRef.parse("bench@production"))));
      report(name, "list " + n + " versions", repeat(20, () -> check(r.versions("bench", n).size(), n)));
      double[] promote = new double[n];
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        promoter.promote(Promotion.of("bench", 1 + i % n, "champion", "bench", Instant.now()).because("move " + i));
        promote[i] = ms(t);
      }
      report(name, "promote (move an alias)", promote);
      report(name, "history of " + n + " moves", repeat(20,
          () -> check(r.history("bench", Optional.of("champion"), n).size(), n)));
    }
  }

  private static Object check(int got, int want) {
    if (got != want) {
      throw new IllegalStateException("expected " + want + " rows, got " + got);
    }
    return got;
  }

  private static NewVersion version(int i) {
    Output a = new Output("model", Output.Kind.DIRECTORY, Digest.ofBytes(("m" + i).getBytes()), 1_000_000, 3);
    return new NewVersion("bench", a, new ModelVersion.Lineage((long) i, "bench", "register",
        new GitState("abc", "main", false), Map.of("data/train.csv", Digest.ofBytes(("d" + i % 10).getBytes()).hex())),
        Map.of("train.lr", 0.1), Map.of("auc", 0.8 + (i % 100) / 1000.0, "f1", 0.7), new ModelVersion.GateOutcome(true,
        List.of(new GateVerdict.Check("auc", true, "pass: auc ok")), List.of()), Map.of("team", "risk"), "", "bench", Instant.now());
  }

  private static double[] repeat(int times, java.util.function.Supplier<Object> op) {
    for (int i = 0; i < Math.min(5, times); i++) {
      op.get();
    }
    double[] out = new double[times];
    for (int i = 0; i < times; i++) {
      long t = System.nanoTime();
      op.get();
      out[i] = ms(t);
    }
    return out;
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static void report(String backend, String op, double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%-10s %-36s %10.3f %10.3f %8d%n", backend, op, pct(s, 0.50), pct(s, 0.99), s.length);
  }

  private static double pct(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static String freshSchema(String url) throws Exception {
    String schema = "kiln_bench_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
