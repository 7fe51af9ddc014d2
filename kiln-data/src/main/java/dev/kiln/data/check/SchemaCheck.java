package dev.kiln.data.check;

import dev.kiln.core.config.Suggestions;
import dev.kiln.data.read.Aggregates;
import dev.kiln.data.read.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Checks answered from the column list or the row count alone, and checks on columns the data lacks. */
final class SchemaCheck implements Compiled {
  private final Check check;
  private final List<String> columns;
  private int rows;

  SchemaCheck(Check check, List<String> columns) {
    this.check = check;
    this.columns = List.copyOf(columns);
  }

  @Override
  public Check check() {
    return check;
  }

  @Override
  public void plan(Aggregates scan) {
    if (check instanceof Check.RowCount) {
      rows = scan.add("count(*)");
    }
  }

  @Override
  public CheckResult result(Row first, Row second, FollowUp followUp) {
    if (check instanceof Check.RowCount rc) {
      long n = first.count(rows);
      boolean ok = rc.bounds().contains(n);
      return result(ok, n, rc.bounds().toString(), n + " rows, " + (ok ? "within " : "outside ") + rc.bounds());
    }
    if (check instanceof Check.Columns c) {
      return columnSet(c);
    }
    Check.Present p = (Check.Present) check;
    boolean there = columns.contains(p.name());
    String message = "column '" + p.name() + "' is " + (there ? "" : "not ") + "in the data"
        + (there || !p.present() ? "" : Suggestions.hint(p.name(), columns));
    return result(there == p.present(), there, p.present() ? "present" : "absent", message);
  }

  private CheckResult columnSet(Check.Columns c) {
    List<String> missing = new ArrayList<>(c.expected());
    missing.removeAll(columns);
    List<String> extra = new ArrayList<>(columns);
    extra.removeAll(c.expected());
    boolean ok = missing.isEmpty() && (!c.exact() || extra.isEmpty());
    StringBuilder m = new StringBuilder(ok ? "the data has the expected columns" : "");
    if (!missing.isEmpty()) {
      m.append("missing: ").append(String.join(", ", missing));
    }
    if (c.exact() && !extra.isEmpty()) {
      m.append(m.length() > 0 ? "; " : "").append("unexpected: ").append(String.join(", ", extra));
    }
    return result(ok, columns, (c.exact() ? "exactly " : "at least ") + c.expected(), m.toString());
  }

  private CheckResult result(boolean passed, Object observed, String threshold, String message) {
    return new CheckResult(check, passed, observed, threshold, OptionalLong.empty(), OptionalLong.empty(), List.of(),
        message);
  }

  /** A check on columns the data lacks: failed, saying which, with a suggestion. */
  static Compiled missing(Check check, List<String> absent, List<String> columns) {
    String first = absent.get(0);
    String message = (absent.size() == 1 ? "column '" + first + "' is" : "columns " + absent + " are")
        + " not in the data" + Suggestions.hint(first, columns);
    return new Compiled() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public void plan(Aggregates scan) {}

      @Override
      public CheckResult result(Row a, Row b, FollowUp f) {
        return new CheckResult(check, false, null, "column present", OptionalLong.empty(), OptionalLong.empty(),
            List.of(), message);
      }
    };
  }

  /** A check that cannot be evaluated on this data (an unsupported combination, SQL the data cannot bind). */
  static Compiled unsupported(Check check, String message) {
    return new Compiled() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public void plan(Aggregates scan) {}

      @Override
      public CheckResult result(Row a, Row b, FollowUp f) {
        return new CheckResult(check, false, null, "-", OptionalLong.empty(), OptionalLong.empty(), List.of(), message);
      }
    };
  }
}
