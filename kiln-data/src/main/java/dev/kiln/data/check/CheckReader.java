package dev.kiln.data.check;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.ListNode;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.core.config.Suggestions;
import dev.kiln.data.Severity;
import dev.kiln.stats.profile.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads one check from its YAML form — a shorthand scalar or list, or a mapping with the
 * kind's keys plus {@code id}, {@code severity} and (row-level kinds) {@code mostly} — and keeps
 * the checks read so far, with unique ids.
 */
final class CheckReader {
  static final List<String> COLUMN_KINDS = List.of("type", "present", "not-null", "missing", "range", "in-set",
      "regex", "length", "unique", "min", "max", "mean", "median", "std", "quantiles", "distinct",
      "most-common-share", "outliers");
  private static final Set<String> COMMON = Set.of("id", "severity");
  private static final Set<String> BOUNDS = Set.of("min", "max", "strict", "strict-min", "strict-max");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private final ConfigReader r;
  private final Problems problems;
  private final List<Check> checks = new ArrayList<>();
  private final Map<String, Integer> idLines = new HashMap<>();

  private final List<String> lines;

  CheckReader(ConfigReader r, List<String> lines) {
    this.r = r;
    this.problems = r.problems();
    this.lines = lines;
  }

  /**
   * A scalar as the user wrote it: YAML 1.1 reads {@code yes}, {@code no}, {@code on} and {@code off}
   * as booleans, but an allowed value {@code yes} must stay the word "yes".
   */
  private String written(ScalarNode s) {
    if (!(s.value() instanceof Boolean) || s.line() < 1 || s.line() > lines.size()) {
      return s.text();
    }
    String line = lines.get(s.line() - 1);
    int start = Math.max(0, s.column() - 1);
    int end = start;
    while (end < line.length() && Character.isLetter(line.charAt(end))) {
      end++;
    }
    String word = line.substring(start, end);
    return word.isEmpty() ? s.text() : word;
  }

  List<Check> all() {
    return List.copyOf(checks);
  }

  // ---- table

  void rowCount(MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), BOUNDS, false);
    Optional<Bounds> b = bounds(f.value(), m);
    meta(f, m, "table.rows", false).ifPresent(meta -> b.ifPresent(bb -> add(new Check.RowCount(meta, bb))));
  }

  void columnSet(MapNode.Field f) {
    Node v = f.value();
    if (v instanceof ListNode list) {
      List<String> cols = SuiteParser.names(list.items(), r);
      meta(f, Optional.empty(), "table.columns", false).ifPresent(meta -> add(new Check.Columns(meta, cols, true)));
      return;
    }
    Optional<MapNode> m = options(v, Set.of("exactly", "at-least"), false);
    if (m.isEmpty()) {
      problems.add(v, "expected a list of column names, or {exactly: [...]} or {at-least: [...]}");
      return;
    }
    boolean exact = m.get().has("exactly");
    if (exact == m.get().has("at-least")) {
      problems.add(v, "give exactly one of 'exactly' and 'at-least'");
      return;
    }
    List<String> cols = r.stringList(m.get(), exact ? "exactly" : "at-least");
    meta(f, m, "table.columns", false).ifPresent(meta -> add(new Check.Columns(meta, cols, exact)));
  }

  void duplicates(MapNode.Field f) {
    Node v = f.value();
    List<String> key = List.of();
    Optional<MapNode> m = Optional.empty();
    if (v instanceof ScalarNode s && s.value() instanceof Boolean b) {
      if (b) {
        problems.add(v, "'duplicates: false' forbids duplicate rows; to allow some, give {mostly: 0.99}");
        return;
      }
    } else if (v instanceof ListNode list) {
      key = SuiteParser.names(list.items(), r);
    } else {
      m = options(v, Set.of("key"), true);
      if (m.isEmpty()) {
        problems.add(v, "expected false, a list of key columns, or {key: [...], mostly: ...}");
        return;
      }
      key = r.stringList(m.get(), "key");
    }
    List<String> k = key;
    meta(f, m, k.isEmpty() ? "table.duplicates" : "table.duplicates." + String.join("-", k), true)
        .ifPresent(meta -> add(new Check.Duplicates(meta, k)));
  }

  void compoundUnique(MapNode.Field f) {
    Node v = f.value();
    if (v instanceof ListNode list && !list.items().isEmpty() && list.items().get(0) instanceof ListNode) {
      for (Node item : list.items()) {
        if (item instanceof ListNode inner) {
          compound(f, item, SuiteParser.names(inner.items(), r), Optional.empty());
        } else {
          problems.add(item, "expected a list of column names, found " + item.describe());
        }
      }
      return;
    }
    if (v instanceof ListNode list) {
      compound(f, v, SuiteParser.names(list.items(), r), Optional.empty());
      return;
    }
    Optional<MapNode> m = options(v, Set.of("columns"), true);
    if (m.isEmpty()) {
      problems.add(v, "expected a list of column names, or {columns: [...], mostly: ...}");
      return;
    }
    compound(f, v, r.stringList(m.get(), "columns"), m);
  }

  private void compound(MapNode.Field f, Node at, List<String> cols, Optional<MapNode> m) {
    if (cols.size() < 2) {
      problems.add(at, "a unique combination needs at least two columns (for one column use columns.NAME.unique)");
      return;
    }
    meta(f, m, "table.unique." + String.join("-", cols), true)
        .ifPresent(meta -> add(new Check.CompoundUnique(meta, cols)));
  }

  void rowPredicate(Node item, MapNode m) {
    String defaultId = "sql[" + checks.stream().filter(c -> c instanceof Check.RowPredicate).count() + "]";
    if (m == null) {
      String sql = (String) ((ScalarNode) item).value();
      add(new Check.RowPredicate(new Check.Meta(uniqueId(defaultId, item), Severity.ERROR, 1.0, item.line(), item.column()), sql));
      return;
    }
    r.allowOnly(m, Set.of("expect", "id", "severity", "mostly"));
    Optional<String> sql = r.string(m, "expect");
    if (sql.isEmpty() && !m.has("expect")) {
      problems.add(m, "missing 'expect': the SQL condition every row must satisfy");
    }
    Optional<Check.Meta> meta = metaOf(m, defaultId, true, item);
    if (sql.isPresent() && meta.isPresent()) {
      add(new Check.RowPredicate(meta.get(), sql.get()));
    }
  }

  // ---- columns

  void column(String name, MapNode spec) {
    for (MapNode.Field f : spec.fields()) {
      if (!COLUMN_KINDS.contains(f.key())) {
        problems.add(f.line(), f.column(), spec.path() + "." + f.key(), "unknown check '" + f.key() + "'"
            + Suggestions.hint(f.key(), COLUMN_KINDS) + "; column checks: " + String.join(", ", COLUMN_KINDS));
        continue;
      }
      columnCheck(name, f);
    }
  }

  private void columnCheck(String col, MapNode.Field f) {
    switch (f.key()) {
      case "type" -> type(col, f);
      case "present" -> present(col, f);
      case "not-null" -> notNull(col, f);
      case "missing" -> missing(col, f);
      case "range" -> range(col, f);
      case "in-set" -> inSet(col, f);
      case "regex" -> regex(col, f);
      case "length" -> length(col, f);
      case "unique" -> unique(col, f);
      case "quantiles" -> quantiles(col, f);
      case "outliers" -> outliers(col, f);
      default -> statistic(col, f, Check.Stat.valueOf(f.key().toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
    }
  }

  private void type(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of("is", "format"), true);
    Optional<String> label = m.isPresent() ? r.string(m.get(), "is") : r.asString(f.value());
    if (m.isPresent() && !m.get().has("is")) {
      problems.add(f.value(), "missing 'is': the type (" + typeNames() + ")");
    }
    Optional<DataType> type = label.flatMap(l -> {
      Optional<DataType> t = DataType.fromLabel(l);
      if (t.isEmpty()) {
        Node at = m.flatMap(mm -> mm.get("is")).orElse(f.value());
        problems.add(at, "unknown type '" + l + "'" + Suggestions.hint(l, Arrays.stream(DataType.values())
            .map(DataType::label).toList()) + "; types: " + typeNames());
      }
      return t;
    });
    Optional<String> format = m.flatMap(mm -> r.string(mm, "format"));
    if (format.isPresent() && type.isPresent() && !type.get().temporal()) {
      problems.add(m.get().get("format").orElseThrow(), "'format' applies to date and timestamp types");
    }
    meta(f, m, col + ".type", true).ifPresent(meta -> type.ifPresent(t ->
        add(new Check.TypeIs(meta, col, t, format))));
  }

  private static String typeNames() {
    return String.join(", ", Arrays.stream(DataType.values()).map(DataType::label).toList());
  }

  private void present(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of("value"), false);
    Optional<Boolean> v = m.isPresent() ? r.bool(m.get(), "value").or(() -> Optional.of(true)) : bool(f.value());
    meta(f, m, col + ".present", false).ifPresent(meta -> v.ifPresent(b -> add(new Check.Present(meta, col, b))));
  }

  private void notNull(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of(), true);
    if (m.isEmpty()) {
      Optional<Boolean> b = bool(f.value());
      if (b.isEmpty() || !b.get()) {
        if (b.isPresent()) {
          problems.add(f.value(), "'not-null: false' checks nothing; remove it, or allow some with {mostly: 0.95}");
        }
        return;
      }
    }
    meta(f, m, col + ".not_null", true).ifPresent(meta -> add(new Check.NotNull(meta, col)));
  }

  private void missing(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of("max"), false);
    OptionalDouble max = m.isPresent() ? number(m.get(), "max") : number(f.value());
    if (m.isPresent() && !m.get().has("max")) {
      problems.add(f.value(), "missing 'max': the largest share of missing values allowed, 0 to 1");
      return;
    }
    if (max.isPresent() && !(max.getAsDouble() >= 0 && max.getAsDouble() <= 1)) {
      problems.add(f.value(), "the share of missing values must be between 0 and 1, found " + max.getAsDouble());
      return;
    }
    if (max.isEmpty()) {
      return;
    }
    meta(f, m, col + ".missing", false).ifPresent(meta -> add(new Check.NotNull(
        new Check.Meta(meta.id(), meta.severity(), 1 - max.getAsDouble(), meta.line(), meta.column()), col)));
  }

  private void range(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), BOUNDS, true);
    Optional<Bounds> b = bounds(f.value(), m, true);
    meta(f, m, col + ".range", true).ifPresent(meta -> b.ifPresent(bb -> add(new Check.Range(meta, col, bb))));
  }

  private void inSet(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of("values"), true);
    Node list = m.isPresent() ? m.get().get("values").orElse(null) : f.value();
    if (list == null) {
      problems.add(f.value(), "missing 'values': the allowed values");
      return;
    }
    if (!(list instanceof ListNode items)) {
      problems.add(list, "expected a list of allowed values, found " + list.describe());
      return;
    }
    List<String> values = new ArrayList<>();
    for (Node item : items.items()) {
      if (item instanceof ScalarNode s && !s.isNull()) {
        values.add(written(s));
      } else {
        problems.add(item, "expected a value (string, number or boolean), found " + item.describe());
      }
    }
    meta(f, m, col + ".in_set", true).ifPresent(meta -> add(new Check.InSet(meta, col, values)));
  }

  private void regex(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of("pattern"), true);
    Optional<String> p = m.isPresent() ? r.string(m.get(), "pattern") : r.asString(f.value());
    if (m.isPresent() && !m.get().has("pattern")) {
      problems.add(f.value(), "missing 'pattern': the regular expression values must match entirely");
    }
    if (p.isPresent()) {
      try {
        Pattern.compile(p.get());
      } catch (PatternSyntaxException e) {
        problems.add(m.flatMap(mm -> mm.get("pattern")).orElse(f.value()), "invalid regular expression: "
            + e.getDescription() + " near index " + e.getIndex());
        return;
      }
    }
    meta(f, m, col + ".regex", true).ifPresent(meta -> p.ifPresent(pp -> add(new Check.Regex(meta, col, pp))));
  }

  private void length(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), BOUNDS, true);
    Optional<Bounds> b = bounds(f.value(), m);
    meta(f, m, col + ".length", true).ifPresent(meta -> b.ifPresent(bb -> add(new Check.Length(meta, col, bb))));
  }

  private void unique(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of(), true);
    if (m.isEmpty()) {
      Optional<Boolean> b = bool(f.value());
      if (b.isEmpty() || !b.get()) {
        if (b.isPresent()) {
          problems.add(f.value(), "'unique: false' checks nothing; remove it");
        }
        return;
      }
    }
    meta(f, m, col + ".unique", true).ifPresent(meta -> add(new Check.Unique(meta, col)));
  }

  private void statistic(String col, MapNode.Field f, Check.Stat stat) {
    Optional<MapNode> m = options(f.value(), BOUNDS, false);
    Optional<Bounds> b = bounds(f.value(), m);
    meta(f, m, col + "." + stat.label(), false)
        .ifPresent(meta -> b.ifPresent(bb -> add(new Check.Statistic(meta, col, stat, Double.NaN, bb))));
  }

  private void quantiles(String col, MapNode.Field f) {
    Optional<MapNode> qs = r.asMap(f.value());
    if (qs.isEmpty()) {
      return;
    }
    for (MapNode.Field q : qs.get().fields()) {
      double p;
      try {
        p = Double.parseDouble(q.key());
      } catch (NumberFormatException e) {
        p = Double.NaN;
      }
      if (!(p >= 0 && p <= 1)) {
        problems.add(q.line(), q.column(), qs.get().path() + "." + q.key(), "'" + q.key()
            + "' is not a probability between 0 and 1 (write quantiles as {0.9: [min, max]})");
        continue;
      }
      double prob = p;
      Optional<MapNode> m = options(q.value(), BOUNDS, false);
      Optional<Bounds> b = bounds(q.value(), m);
      meta(q, m, col + ".quantile-" + q.key(), false)
          .ifPresent(meta -> b.ifPresent(bb -> add(new Check.Statistic(meta, col, Check.Stat.QUANTILE, prob, bb))));
    }
  }

  private void outliers(String col, MapNode.Field f) {
    Optional<MapNode> m = options(f.value(), Set.of("method", "k", "max"), false);
    OptionalDouble max = m.isPresent() ? number(m.get(), "max") : number(f.value());
    if (m.isPresent() && !m.get().has("max")) {
      problems.add(f.value(), "missing 'max': the largest share of outliers allowed, 0 to 1");
    }
    Check.OutlierMethod method = Check.OutlierMethod.IQR;
    Optional<String> ms = m.flatMap(mm -> r.string(mm, "method"));
    if (ms.isPresent()) {
      if (ms.get().equals("z")) {
        method = Check.OutlierMethod.Z;
      } else if (!ms.get().equals("iqr")) {
        problems.add(m.get().get("method").orElseThrow(), "unknown method '" + ms.get() + "' (expected iqr or z)");
      }
    }
    double k = m.flatMap(mm -> box(number(mm, "k"))).orElse(method == Check.OutlierMethod.IQR ? 1.5 : 3.0);
    Check.OutlierMethod mm = method;
    if (max.isPresent() && !(max.getAsDouble() >= 0 && max.getAsDouble() <= 1)) {
      problems.add(f.value(), "the share of outliers must be between 0 and 1, found " + max.getAsDouble());
      return;
    }
    meta(f, m, col + ".outliers", false).ifPresent(meta -> max.ifPresent(x ->
        add(new Check.Outliers(meta, col, mm, k, x))));
  }

  // ---- shared pieces

  /** The mapping form of a check, with its keys checked; empty for a shorthand. */
  private Optional<MapNode> options(Node v, Set<String> specific, boolean rowLevel) {
    if (!(v instanceof MapNode m)) {
      return Optional.empty();
    }
    Set<String> allowed = new LinkedHashSet<>(specific);
    allowed.addAll(COMMON);
    if (rowLevel) {
      allowed.add("mostly");
    } else if (m.has("mostly")) {
      MapNode.Field f = m.fields().stream().filter(x -> x.key().equals("mostly")).findFirst().orElseThrow();
      problems.add(f.line(), f.column(), m.path() + ".mostly",
          "'mostly' applies to checks that judge each row; this check compares one number with its bounds");
      allowed.add("mostly");
    }
    r.allowOnly(m, allowed);
    return Optional.of(m);
  }

  private Optional<Check.Meta> meta(MapNode.Field f, Optional<MapNode> m, String defaultId, boolean rowLevel) {
    if (m.isEmpty()) {
      return Optional.of(new Check.Meta(uniqueId(defaultId, f.value()), Severity.ERROR, 1.0, f.line(), f.column()));
    }
    return metaOf(m.get(), defaultId, rowLevel, f.value());
  }

  private Optional<Check.Meta> metaOf(MapNode m, String defaultId, boolean rowLevel, Node at) {
    Optional<String> id = r.string(m, "id");
    id.filter(i -> !ID.matcher(i).matches()).ifPresent(i -> problems.add(m.get("id").orElseThrow(),
        "an id may contain letters, digits, '.', '_' and '-' only, found '" + i + "'"));
    Severity severity = r.string(m, "severity").map(s -> Severity.fromLabel(s).orElseGet(() -> {
      problems.add(m.get("severity").orElseThrow(), "unknown severity '" + s + "' (expected error or warning)");
      return Severity.ERROR;
    })).orElse(Severity.ERROR);
    double mostly = 1.0;
    if (rowLevel) {
      OptionalDouble md = number(m, "mostly");
      if (md.isPresent() && !(md.getAsDouble() >= 0 && md.getAsDouble() <= 1)) {
        problems.add(m.get("mostly").orElseThrow(), "'mostly' is a share between 0 and 1, found " + md.getAsDouble());
      } else if (md.isPresent()) {
        mostly = md.getAsDouble();
      }
    }
    String finalId = id.isPresent() ? uniqueId(id.get(), m.get("id").orElseThrow(), true) : uniqueId(defaultId, at);
    return Optional.of(new Check.Meta(finalId, severity, mostly, at.line(), at.column()));
  }

  private String uniqueId(String id, Node at) {
    return uniqueId(id, at, false);
  }

  /** Explicit ids must be unique; generated ones get a numeric suffix when they repeat. */
  private String uniqueId(String id, Node at, boolean explicit) {
    if (!idLines.containsKey(id)) {
      idLines.put(id, at.line());
      return id;
    }
    if (explicit) {
      problems.add(at, "the id '" + id + "' is already used by the check at line " + idLines.get(id));
      return id;
    }
    int n = 2;
    while (idLines.containsKey(id + "-" + n)) {
      n++;
    }
    idLines.put(id + "-" + n, at.line());
    return id + "-" + n;
  }

  private Optional<Bounds> bounds(Node v, Optional<MapNode> m) {
    return bounds(v, m, false);
  }

  /** Bounds of numbers, or — where {@code dates} allows — of dates and timestamps. */
  private Optional<Bounds> bounds(Node v, Optional<MapNode> m, boolean dates) {
    Optional<Node> lo;
    Optional<Node> hi;
    boolean strictMin = false;
    boolean strictMax = false;
    if (m.isPresent()) {
      lo = m.get().get("min");
      hi = m.get().get("max");
      boolean strict = r.bool(m.get(), "strict").orElse(false);
      strictMin = strict || r.bool(m.get(), "strict-min").orElse(false);
      strictMax = strict || r.bool(m.get(), "strict-max").orElse(false);
    } else if (v instanceof ListNode list && list.items().size() == 2) {
      lo = Optional.of(list.items().get(0)).filter(n -> !(n instanceof ScalarNode s && s.isNull()));
      hi = Optional.of(list.items().get(1)).filter(n -> !(n instanceof ScalarNode s && s.isNull()));
    } else {
      problems.add(v, "expected bounds: [min, max] (null for an open side) or {min: …, max: …}");
      return Optional.empty();
    }
    boolean asDates = dates && Stream.of(lo, hi).flatMap(Optional::stream).anyMatch(CheckReader::isDateText);
    OptionalDouble min = lo.map(n -> asDates ? date(n) : number(n)).orElse(OptionalDouble.empty());
    OptionalDouble max = hi.map(n -> asDates ? date(n) : number(n)).orElse(OptionalDouble.empty());
    if (lo.isPresent() && min.isEmpty() || hi.isPresent() && max.isEmpty()) {
      return Optional.empty();
    }
    if (min.isEmpty() && max.isEmpty()) {
      problems.add(v, "give at least one of 'min' and 'max'");
      return Optional.empty();
    }
    Bounds b = new Bounds(min, max, strictMin, strictMax, asDates);
    if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      problems.add(v, "min " + b.show(min.getAsDouble()) + " is greater than max " + b.show(max.getAsDouble()));
      return Optional.empty();
    }
    return Optional.of(b);
  }

  private static boolean isDateText(Node n) {
    return n instanceof ScalarNode s && s.value() instanceof String t && Bounds.parseDate(t).isPresent();
  }

  private OptionalDouble date(Node n) {
    if (n instanceof ScalarNode s && s.value() instanceof String t) {
      OptionalDouble d = Bounds.parseDate(t);
      if (d.isPresent()) {
        return d;
      }
    }
    problems.add(n, "expected a date (2020-01-01) or timestamp (2020-01-01 08:30:00) like the other bound, found "
        + n.describe());
    return OptionalDouble.empty();
  }

  private OptionalDouble number(MapNode m, String key) {
    return m.get(key).map(this::number).orElse(OptionalDouble.empty());
  }

  private OptionalDouble number(Node n) {
    if (n instanceof ScalarNode s && s.value() instanceof Number num) {
      return OptionalDouble.of(num.doubleValue());
    }
    problems.add(n, "expected a number, found " + n.describe());
    return OptionalDouble.empty();
  }

  private Optional<Boolean> bool(Node n) {
    if (n instanceof ScalarNode s && s.value() instanceof Boolean b) {
      return Optional.of(b);
    }
    problems.add(n, "expected true or false, found " + n.describe());
    return Optional.empty();
  }

  private static Optional<Double> box(OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }

  private void add(Check c) {
    checks.add(c);
  }
}
