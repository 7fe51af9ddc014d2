package dev.kiln.data.check;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.core.config.Suggestions;
import dev.kiln.data.Severity;
import dev.kiln.data.drift.DriftConfig;
import dev.kiln.stats.drift.DriftTest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Reads the {@code drift:} section of a suite. */
final class DriftParser {
  static final Set<String> KEYS = Set.of("reference", "profile", "columns", "ignore", "label", "share", "severity",
      "column-severity", "numeric", "categorical", "tests", "schema");
  static final Set<String> SCHEMA = Set.of("missing-columns", "new-columns", "type-changes", "new-categories");
  private static final List<String> TESTS = Arrays.stream(DriftTest.values()).map(DriftTest::label).toList();

  private final ConfigReader r;
  private final Problems problems;

  DriftParser(ConfigReader r) {
    this.r = r;
    this.problems = r.problems();
  }

  Optional<DriftConfig> parse(Node node) {
    if (node instanceof ScalarNode s && Boolean.TRUE.equals(s.value())) {
      return Optional.of(DriftConfig.DEFAULT);
    }
    Optional<MapNode> mm = r.asMap(node);
    if (mm.isEmpty()) {
      return Optional.empty();
    }
    MapNode m = mm.get();
    r.allowOnly(m, KEYS);
    Optional<String> reference = r.string(m, "reference");
    Optional<String> profile = r.string(m, "profile");
    if (reference.isPresent() && profile.isPresent()) {
      problems.add(m, "give either 'reference' (a data set) or 'profile' (a saved profile), not both");
    }
    Optional<List<String>> columns = m.has("columns") ? Optional.of(r.stringList(m, "columns")) : Optional.empty();
    Optional<String> label = Optional.empty();
    Severity labelSeverity = Severity.WARNING;
    if (m.get("label").orElse(null) instanceof MapNode lm) {
      r.allowOnly(lm, Set.of("column", "severity"));
      label = r.string(lm, "column");
      labelSeverity = severity(lm, "severity", Severity.WARNING);
    } else {
      label = r.string(m, "label");
    }
    double share = share(m);
    return Optional.of(new DriftConfig(reference, profile, columns, r.stringList(m, "ignore"), label, labelSeverity,
        share, severity(m, "severity", Severity.ERROR), severity(m, "column-severity", Severity.WARNING),
        test(m, "numeric"), test(m, "categorical"), perColumn(m), schema(m)));
  }

  private double share(MapNode m) {
    Optional<Node> n = m.get("share");
    if (n.isEmpty()) {
      return DriftConfig.DEFAULT_SHARE;
    }
    if (n.get() instanceof ScalarNode s && s.value() instanceof Number num && num.doubleValue() > 0
        && num.doubleValue() <= 1) {
      return num.doubleValue();
    }
    problems.add(n.get(), "'share' is the share of drifted columns that makes the data set drift: a number in (0, 1]");
    return DriftConfig.DEFAULT_SHARE;
  }

  private Severity severity(MapNode m, String key, Severity dflt) {
    return r.string(m, key).map(s -> Severity.fromLabel(s).orElseGet(() -> {
      problems.add(m.get(key).orElseThrow(), "unknown severity '" + s + "' (expected error or warning)");
      return dflt;
    })).orElse(dflt);
  }

  private Optional<DriftTest> test(MapNode m, String key) {
    return r.string(m, key).flatMap(s -> testNamed(s, m.get(key).orElseThrow()));
  }

  private Optional<DriftTest> testNamed(String s, Node at) {
    Optional<DriftTest> t = DriftTest.fromLabel(s);
    if (t.isEmpty()) {
      problems.add(at, "unknown drift test '" + s + "'" + Suggestions.hint(s, TESTS) + "; tests: " + String.join(", ", TESTS));
    }
    return t;
  }

  private Map<String, DriftConfig.ColumnDrift> perColumn(MapNode m) {
    Map<String, DriftConfig.ColumnDrift> out = new LinkedHashMap<>();
    r.map(m, "tests").ifPresent(tests -> {
      for (MapNode.Field f : tests.fields()) {
        columnDrift(f).ifPresent(cd -> out.put(f.key(), cd));
      }
    });
    return out;
  }

  private Optional<DriftConfig.ColumnDrift> columnDrift(MapNode.Field f) {
    if (f.value() instanceof ScalarNode s && s.isString()) {
      return Optional.of(new DriftConfig.ColumnDrift(testNamed((String) s.value(), f.value()), OptionalDouble.empty(),
          Optional.empty()));
    }
    Optional<MapNode> mm = r.asMap(f.value());
    if (mm.isEmpty()) {
      return Optional.empty();
    }
    MapNode m = mm.get();
    r.allowOnly(m, Set.of("test", "threshold", "severity"));
    Optional<DriftTest> test = test(m, "test");
    OptionalDouble threshold = OptionalDouble.empty();
    Optional<Node> tn = m.get("threshold");
    if (tn.isPresent()) {
      if (tn.get() instanceof ScalarNode s && s.value() instanceof Number num && num.doubleValue() >= 0) {
        threshold = OptionalDouble.of(num.doubleValue());
      } else {
        problems.add(tn.get(), "expected a non-negative number, found " + tn.get().describe());
      }
    }
    Optional<Severity> sev = m.has("severity") ? Optional.of(severity(m, "severity", Severity.WARNING)) : Optional.empty();
    return Optional.of(new DriftConfig.ColumnDrift(test, threshold, sev));
  }

  private DriftConfig.SchemaPolicy schema(MapNode m) {
    Optional<MapNode> sm = r.map(m, "schema");
    if (sm.isEmpty()) {
      return DriftConfig.SchemaPolicy.DEFAULT;
    }
    r.allowOnly(sm.get(), SCHEMA);
    DriftConfig.SchemaPolicy d = DriftConfig.SchemaPolicy.DEFAULT;
    return new DriftConfig.SchemaPolicy(policy(sm.get(), "missing-columns", d.missingColumns()),
        policy(sm.get(), "new-columns", d.newColumns()), policy(sm.get(), "type-changes", d.typeChanges()),
        policy(sm.get(), "new-categories", d.newCategories()));
  }

  private Optional<Severity> policy(MapNode m, String key, Optional<Severity> dflt) {
    Optional<String> s = r.string(m, key);
    if (s.isEmpty()) {
      return dflt;
    }
    if (s.get().equals("ignore")) {
      return Optional.empty();
    }
    Optional<Severity> sev = Severity.fromLabel(s.get());
    if (sev.isEmpty()) {
      problems.add(m.get(key).orElseThrow(), "expected error, warning or ignore, found '" + s.get() + "'");
      return dflt;
    }
    return sev;
  }
}
