package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.drift.DefaultTests;
import dev.kiln.stats.drift.DriftTest;
import dev.kiln.stats.profile.ColumnProfile;
import dev.kiln.stats.profile.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drift of a data set against a {@link Reference}, compiled into the same fused scan as the
 * checks: {@link #compile} picks a test per column (the configured one, else Evidently's default)
 * and adds the current-side counts to the scan; {@link #finish} computes the statistics, the
 * share of drifted columns, the label's drift and the schema changes.
 */
public final class DriftPlan {
  private final DataSource current;
  private final Reference reference;
  private final DriftConfig config;
  private final List<ColumnDrift> columns;
  private final Optional<ColumnDrift> label;
  private final List<SchemaChange> schema;
  private final List<String> skipped;

  private DriftPlan(DataSource current, Reference reference, DriftConfig config, List<ColumnDrift> columns,
      Optional<ColumnDrift> label, List<SchemaChange> schema, List<String> skipped) {
    this.current = current;
    this.reference = reference;
    this.config = config;
    this.columns = columns;
    this.label = label;
    this.schema = schema;
    this.skipped = skipped;
  }

  public static DriftPlan compile(DataSource current, Reference reference, DriftConfig config, Aggregates scan) {
    List<String> skipped = new ArrayList<>();
    List<SchemaChange> schema = schemaChanges(current, reference, config);
    List<ColumnDrift> cols = new ArrayList<>();
    for (String name : selected(current, reference, config)) {
      column(current, reference, config, name, false, skipped).ifPresent(cols::add);
    }
    Optional<ColumnDrift> label = config.label().flatMap(l -> column(current, reference, config, l, true, skipped));
    cols.forEach(c -> c.plan(scan));
    label.ifPresent(c -> c.plan(scan));
    return new DriftPlan(current, reference, config, cols, label, schema, skipped);
  }

  public DriftReport finish(Row row) {
    List<String> numeric = new ArrayList<>();
    columns.stream().filter(c -> c instanceof NumericDrift).forEach(c -> numeric.add(c.column));
    label.filter(c -> c instanceof NumericDrift).ifPresent(c -> numeric.add(c.column));
    DriftFollowUp followUp = new DriftFollowUp(current, numeric);
    List<DriftResult> results = new ArrayList<>();
    List<String> skipped = new ArrayList<>(this.skipped);
    List<SchemaChange> schema = new ArrayList<>(this.schema);
    for (ColumnDrift c : columns) {
      finishOne(c, row, followUp, skipped, schema).ifPresent(results::add);
    }
    Optional<DriftResult> labelResult = label.flatMap(c -> finishOne(c, row, followUp, skipped, schema));
    return new DriftReport(reference.source(), results, labelResult, config.share(), config.shareSeverity(), schema, skipped);
  }

  private Optional<DriftResult> finishOne(ColumnDrift c, Row row, DriftFollowUp followUp, List<String> skipped,
      List<SchemaChange> schema) {
    Optional<DriftResult> r = c.finish(row, followUp);
    if (r.isEmpty()) {
      skipped.add(c.skipReason());
    }
    if (c instanceof CategoricalDrift cd && cd.newValues() > 0) {
      config.schema().newCategories().ifPresent(sev -> {
        List<String> values = followUp.newCategories(cd.info(), cd.categories());
        schema.add(new SchemaChange(SchemaChange.Kind.NEW_CATEGORIES, cd.column, cd.newValues()
            + " values in categories the reference never had", sev, values));
      });
    }
    return r;
  }

  private static List<String> selected(DataSource current, Reference reference, DriftConfig config) {
    Set<String> ignore = new LinkedHashSet<>(config.ignore());
    config.label().ifPresent(ignore::add);
    List<String> names = config.columns().orElseGet(() -> reference.profile().columnNames().stream()
        .filter(n -> current.column(n).isPresent()).toList());
    return names.stream().filter(n -> !ignore.contains(n)).toList();
  }

  private static Optional<ColumnDrift> column(DataSource current, Reference reference, DriftConfig config, String name,
      boolean isLabel, List<String> skipped) {
    Optional<ColumnInfo> info = current.column(name);
    Optional<ColumnProfile> rp = reference.profile().column(name);
    if (info.isEmpty() || rp.isEmpty()) {
      skipped.add(name + ": not in the " + (info.isEmpty() ? "data" : "reference"));
      return Optional.empty();
    }
    if (rp.get().nonMissing() == 0) {
      skipped.add(name + ": no values in the reference");
      return Optional.empty();
    }
    boolean numeric = rp.get().numeric().isPresent();
    if (numeric != Sql.numericValue(info.get())) {
      skipped.add(name + ": its type changed from " + rp.get().type().label() + " to " + info.get().type().label());
      return Optional.empty();
    }
    DriftConfig.ColumnDrift over = config.perColumn().getOrDefault(name, new DriftConfig.ColumnDrift(
        Optional.empty(), java.util.OptionalDouble.empty(), Optional.empty()));
    Optional<DriftTest> chosen = over.test().or(() -> numeric ? config.numericTest() : config.categoricalTest());
    Optional<DriftTest> test0 = DefaultTests.forColumn(rp.get(), chosen);
    if (test0.isEmpty()) {
      skipped.add(name + ": " + rp.get().distinct() + " distinct values, too many for a categorical test (name a test "
          + "for it under drift.tests to compare its most frequent values anyway)");
      return Optional.empty();
    }
    DriftTest test = test0.get();
    double threshold = over.threshold().orElse(test.defaultThreshold());
    Severity severity = over.severity().orElse(isLabel ? config.labelSeverity() : config.columnSeverity());
    if (numeric) {
      return Optional.of(new NumericDrift(name, Sql.value(info.get()), rp.get(), reference.valuesOf(name), test,
          threshold, severity, isLabel));
    }
    return Optional.of(new CategoricalDrift(info.get(), rp.get(), test, threshold, severity, isLabel));
  }

  private static List<SchemaChange> schemaChanges(DataSource current, Reference reference, DriftConfig config) {
    DriftConfig.SchemaPolicy policy = config.schema();
    Set<String> ignore = Set.copyOf(config.ignore());
    List<SchemaChange> out = new ArrayList<>();
    for (ColumnProfile rp : reference.profile().columns()) {
      if (ignore.contains(rp.name())) {
        continue;
      }
      Optional<ColumnInfo> info = current.column(rp.name());
      if (info.isEmpty()) {
        policy.missingColumns().ifPresent(s -> out.add(new SchemaChange(SchemaChange.Kind.MISSING_COLUMN, rp.name(),
            "in the reference, not in the data", s, List.of())));
      } else if (!compatible(rp.type(), info.get().type())) {
        policy.typeChanges().ifPresent(s -> out.add(new SchemaChange(SchemaChange.Kind.TYPE_CHANGE, rp.name(),
            rp.type().label() + " in the reference, " + info.get().type().label() + " in the data", s, List.of())));
      }
    }
    for (ColumnInfo c : current.columns()) {
      if (!ignore.contains(c.name()) && reference.profile().column(c.name()).isEmpty()) {
        policy.newColumns().ifPresent(s -> out.add(new SchemaChange(SchemaChange.Kind.NEW_COLUMN, c.name(),
            "in the data, not in the reference", s, List.of())));
      }
    }
    return out;
  }

  /** Integers that became floats still compare as numbers; any other change of type is a change. */
  private static boolean compatible(DataType reference, DataType current) {
    return reference == current || (reference == DataType.INTEGER && current == DataType.FLOAT);
  }
}
