package dev.kiln.data.check;

import dev.kiln.data.read.Sql;
import dev.kiln.stats.profile.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** SQL conditions for the type and set checks, true for a present value that fails. */
final class TypeConditions {
  private TypeConditions() {}

  /** A present value is not of the wanted type (text is parsed; typed columns answer from their type). */
  static String notOfType(Col col, Check.TypeIs t) {
    DataType have = col.type();
    DataType want = t.type();
    String c = col.ident();
    if (have == want || (want == DataType.FLOAT && have == DataType.INTEGER)
        || (want == DataType.TIMESTAMP && have == DataType.DATE)) {
      return "FALSE";
    }
    if (want == DataType.INTEGER && have == DataType.FLOAT) {
      return "CAST(" + c + " AS DOUBLE) <> round(CAST(" + c + " AS DOUBLE))";
    }
    if (have != DataType.STRING) {
      return "TRUE";
    }
    if (t.format().isPresent()) {
      return "try_strptime(" + c + ", " + Sql.text(t.format().get()) + ") IS NULL";
    }
    return "TRY_CAST(" + c + " AS " + sqlType(want) + ") IS NULL";
  }

  private static String sqlType(DataType t) {
    switch (t) {
      case INTEGER:
        return "BIGINT";
      case FLOAT:
        return "DOUBLE";
      case BOOLEAN:
        return "BOOLEAN";
      case DATE:
        return "DATE";
      case TIMESTAMP:
        return "TIMESTAMP";
      default:
        return "VARCHAR";
    }
  }

  /** A present value is not among {@code values}: compared as numbers in numeric columns, as text otherwise. */
  static String notIn(Col col, List<String> values) {
    if (col.type().numeric()) {
      List<Double> nums = new ArrayList<>();
      for (String v : values) {
        try {
          nums.add(Double.parseDouble(v));
        } catch (NumberFormatException e) {
          // a word can never equal a number in a numeric column
        }
      }
      return nums.isEmpty() ? "TRUE" : "CAST(" + col.ident() + " AS DOUBLE) NOT IN (" + join(nums.stream().map(Sql::number).toList()) + ")";
    }
    if (values.isEmpty()) {
      return "TRUE";
    }
    if (col.type() == DataType.BOOLEAN) {
      return "lower(" + col.text() + ") NOT IN (" + join(values.stream().map(v -> Sql.text(v.toLowerCase(Locale.ROOT))).toList()) + ")";
    }
    return col.text() + " NOT IN (" + join(values.stream().map(Sql::text).toList()) + ")";
  }

  private static String join(List<String> items) {
    return String.join(", ", items);
  }
}
