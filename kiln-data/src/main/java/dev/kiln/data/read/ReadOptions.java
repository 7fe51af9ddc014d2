package dev.kiln.data.read;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to read a data set. Everything is sniffed by default; set a field to override what DuckDB
 * would detect (CSV delimiter, quote, header, null markers, column types).
 */
public record ReadOptions(
    Format format,
    Optional<String> delimiter,
    Optional<String> quote,
    Optional<Boolean> header,
    List<String> nullMarkers,
    Map<String, String> columnTypes) {

  /** The file format; AUTO decides from the extension. */
  public enum Format { AUTO, CSV, PARQUET, JSONL }

  public static final ReadOptions DEFAULT =
      new ReadOptions(Format.AUTO, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of());

  public ReadOptions {
    nullMarkers = List.copyOf(nullMarkers);
    columnTypes = Map.copyOf(columnTypes);
  }

  public ReadOptions withFormat(Format f) {
    return new ReadOptions(f, delimiter, quote, header, nullMarkers, columnTypes);
  }
}
