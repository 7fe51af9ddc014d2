package dev.kiln.model.slice;

/** The rows of a data set where one column has one value (or falls in one bin), named {@code column=value}. */
public record Slice(String column, String value, int[] rows) {

  /** The name used in metric names: {@code afam=yes}, {@code tenure=[12,29)}. */
  public String name() {
    return column + "=" + value;
  }
}
