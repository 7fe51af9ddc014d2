package dev.kiln.model.slice;

/** A slice's column, value and number of rows, named {@code column=value} as in metric names. */
public record SliceCount(String column, String value, int rows) {

  public String name() {
    return column + "=" + value;
  }
}
