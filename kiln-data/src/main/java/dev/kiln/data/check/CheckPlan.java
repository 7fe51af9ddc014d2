package dev.kiln.data.check;

import dev.kiln.core.config.Problems;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.Row;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.profile.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A suite's checks compiled against one data set: every check adds its aggregates to a shared,
 * fused scan ({@link #compile}); {@link #finish} then runs what depends on that scan — one more
 * fused scan for outlier fences if the suite has outlier checks, exact counts where the scan found
 * repeats, and failing samples for failed checks — and returns a result per check, in suite order.
 */
public final class CheckPlan {
  private final DataSource data;
  private final List<Compiled> compiled;
  private final FollowUp followUp;

  private CheckPlan(DataSource data, List<Compiled> compiled, FollowUp followUp) {
    this.data = data;
    this.compiled = compiled;
    this.followUp = followUp;
  }

  /**
   * Compiles the checks and adds their aggregates to {@code scan}. SQL that cannot parse and
   * regular expressions DuckDB rejects are suite problems ({@link dev.kiln.core.config.ConfigException},
   * located at the check's line in {@code suiteFile}).
   */
  public static CheckPlan compile(DataSource data, List<Check> checks, String suiteFile, Aggregates scan) {
    Compiler c = new Compiler(data, new Problems(suiteFile));
    List<Compiled> out = new ArrayList<>();
    for (Check check : checks) {
      out.add(c.compile(check));
    }
    c.problems.throwIfAny();
    out.forEach(x -> x.plan(scan));
    return new CheckPlan(data, out, c.followUp);
  }

  /** Results in suite order, once {@code first} (the fused scan's row) is known. */
  public List<CheckResult> finish(Row first) {
    Aggregates second = new Aggregates();
    compiled.forEach(c -> c.planSecond(first, second));
    Row secondRow = second.run(data.connection(), DataSource.VIEW, data.location());
    List<CheckResult> results = new ArrayList<>();
    for (Compiled c : compiled) {
      results.add(c.result(first, secondRow, followUp));
    }
    return results;
  }

  /** Turns each check into SQL for this data set's columns. */
  private static final class Compiler {
    final DataSource data;
    final Problems problems;
    final FollowUp followUp;
    final QuantileSlots quantiles = new QuantileSlots();
    final List<String> names;

    Compiler(DataSource data, Problems problems) {
      this.data = data;
      this.problems = problems;
      this.followUp = new FollowUp(data);
      this.names = data.columns().stream().map(ColumnInfo::name).toList();
    }

    Compiled compile(Check check) {
      if (check instanceof Check.RowCount || check instanceof Check.Columns || check instanceof Check.Present) {
        return new SchemaCheck(check, names);
      }
      List<String> needed = needed(check);
      List<String> absent = needed.stream().filter(n -> !names.contains(n)).toList();
      if (!absent.isEmpty()) {
        return SchemaCheck.missing(check, absent, names);
      }
      if (check instanceof Check.OnColumn oc) {
        return column(oc, new Col(data.column(oc.name()).orElseThrow()));
      }
      if (check instanceof Check.Duplicates d) {
        return new RepeatCheck(d, cols(needed), true);
      }
      if (check instanceof Check.CompoundUnique u) {
        return new RepeatCheck(u, cols(u.columns()), false);
      }
      return predicate((Check.RowPredicate) check);
    }

    private List<String> needed(Check check) {
      if (check instanceof Check.OnColumn oc) {
        return List.of(oc.name());
      }
      if (check instanceof Check.Duplicates d) {
        return d.key().isEmpty() ? names : d.key();
      }
      if (check instanceof Check.CompoundUnique u) {
        return u.columns();
      }
      return List.of();
    }

    private List<Col> cols(List<String> ns) {
      return ns.stream().map(n -> new Col(data.column(n).orElseThrow())).toList();
    }

    private Compiled column(Check.OnColumn check, Col col) {
      String c = col.ident();
      if (check instanceof Check.NotNull) {
        return new RowLevelCheck(check, c + " IS NULL", "count(*)", "NULL", "present");
      }
      if (check instanceof Check.TypeIs t) {
        return new RowLevelCheck(t, c + " IS NOT NULL AND " + TypeConditions.notOfType(col, t), "count(" + c + ")", c,
            "of type " + t.type().label() + t.format().map(f -> " in format " + f).orElse("")
                + " (the column reads as " + col.info().sqlType() + ")");
      }
      if (check instanceof Check.Range r) {
        if (r.bounds().dates()) {
          return dateRange(r, col);
        }
        if (!col.numberLike()) {
          return SchemaCheck.unsupported(r, "column '" + col.name() + "' holds " + col.type().label()
              + "s: give the range as dates, e.g. [2020-01-01, 2024-12-31]");
        }
        return new RowLevelCheck(r, c + " IS NOT NULL AND (" + col.notANumber() + " OR " + r.bounds().violationSql(col.number())
            + ")", "count(" + c + ")", c, "in " + r.bounds());
      }
      if (check instanceof Check.InSet s) {
        return new RowLevelCheck(s, c + " IS NOT NULL AND " + TypeConditions.notIn(col, s.values()), "count(" + c + ")", c,
            "in " + s.values());
      }
      if (check instanceof Check.Regex r) {
        return regex(r, col);
      }
      if (check instanceof Check.Length l) {
        return new RowLevelCheck(l, c + " IS NOT NULL AND " + l.bounds().violationSql("CAST(length(" + col.text()
            + ") AS DOUBLE)"), "count(" + c + ")", c, "of length " + l.bounds());
      }
      if (check instanceof Check.Unique u) {
        return new RepeatCheck(u, List.of(col), false);
      }
      if (check instanceof Check.Statistic s) {
        if (s.stat().numeric() && !col.numberLike()) {
          return SchemaCheck.unsupported(s, "the " + s.stat().label() + " of " + col.type().label()
              + " columns is not supported yet");
        }
        return new StatisticCheck(s, col, quantiles);
      }
      Check.Outliers o = (Check.Outliers) check;
      if (!col.numberLike()) {
        return SchemaCheck.unsupported(o, "outliers of " + col.type().label() + " columns are not supported yet");
      }
      return new OutlierCheck(o, col, quantiles);
    }

    /** A range of dates or timestamps, compared in epoch seconds; text that is no date is outside. */
    private Compiled dateRange(Check.Range r, Col col) {
      String c = col.ident();
      if (col.type().temporal()) {
        return new RowLevelCheck(r, c + " IS NOT NULL AND " + r.bounds().violationSql("CAST(epoch(" + c + ") AS DOUBLE)"),
            "count(" + c + ")", c, "in " + r.bounds());
      }
      if (col.type() != dev.kiln.stats.profile.DataType.STRING) {
        return SchemaCheck.unsupported(r, "column '" + col.name() + "' holds " + col.type().label()
            + "s, not dates: give the range as numbers");
      }
      String parsed = "CAST(epoch(TRY_CAST(" + c + " AS TIMESTAMP)) AS DOUBLE)";
      return new RowLevelCheck(r, c + " IS NOT NULL AND (TRY_CAST(" + c + " AS TIMESTAMP) IS NULL OR "
          + r.bounds().violationSql(parsed) + ")", "count(" + c + ")", c, "dates in " + r.bounds());
    }

    private Compiled regex(Check.Regex r, Col col) {
      String error = followUp.bindError("regexp_full_match('', " + Sql.text(r.pattern()) + ")");
      if (error != null) {
        problems.add(r.meta().line(), r.meta().column(), r.id(), "DuckDB rejects the regular expression: " + error);
      }
      return new RowLevelCheck(r, col.ident() + " IS NOT NULL AND NOT regexp_full_match(" + col.text() + ", "
          + Sql.text(r.pattern()) + ")", "count(" + col.ident() + ")", col.ident(), "matching " + r.pattern());
    }

    private Compiled predicate(Check.RowPredicate p) {
      String condition = "coalesce((" + p.sql() + "), FALSE)";
      String error = followUp.bindError(condition);
      if (error != null && error.startsWith("Parser Error")) {
        problems.add(p.meta().line(), p.meta().column(), p.id(), "invalid SQL condition: " + error);
      } else if (error != null) {
        return SchemaCheck.unsupported(p, "cannot evaluate '" + p.sql() + "' on this data: " + error);
      }
      return new RowLevelCheck(p, "NOT " + condition, "count(*)", rowText(), "satisfying " + p.sql());
    }

    /** A failing row as {@code col=value, …} (the first 12 columns). */
    private String rowText() {
      return data.columns().stream().limit(12).map(ci -> Sql.text(ci.name() + "=") + " || coalesce(CAST("
          + Sql.ident(ci.name()) + " AS VARCHAR), 'null')").collect(Collectors.joining(" || ', ' || "));
    }
  }

  /** Only for tests and diagnostics: the type of a column as checks see it. */
  static Optional<DataType> typeOf(DataSource data, String column) {
    return data.column(column).map(ColumnInfo::type);
  }
}
