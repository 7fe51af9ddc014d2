package dev.kiln.data.check;

import dev.kiln.data.read.ColumnInfo;
import dev.kiln.data.read.Sql;
import dev.kiln.stats.profile.DataType;

/** A data column as check SQL sees it: quoted name, text form, numeric form, non-numeric test. */
record Col(ColumnInfo info) {

  String name() {
    return info.name();
  }

  DataType type() {
    return info.type();
  }

  String ident() {
    return Sql.ident(info.name());
  }

  String text() {
    return type() == DataType.STRING ? ident() : "CAST(" + ident() + " AS VARCHAR)";
  }

  /** Values as DOUBLE: numbers as they are, booleans as 1/0, text parsed (NULL where it is not a number). */
  String number() {
    if (type().numeric()) {
      return "CAST(" + ident() + " AS DOUBLE)";
    }
    if (type() == DataType.BOOLEAN) {
      return "CAST(CAST(" + ident() + " AS INTEGER) AS DOUBLE)";
    }
    return "TRY_CAST(" + ident() + " AS DOUBLE)";
  }

  /** Numbers can be had from this column at all (text may still hold values that are not numbers). */
  boolean numberLike() {
    return !type().temporal();
  }

  /** True for present values that are not numbers. */
  String notANumber() {
    if (type() == DataType.STRING) {
      return ident() + " IS NOT NULL AND TRY_CAST(" + ident() + " AS DOUBLE) IS NULL";
    }
    return type().temporal() ? ident() + " IS NOT NULL" : "FALSE";
  }
}
