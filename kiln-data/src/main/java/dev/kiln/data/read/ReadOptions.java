package dev.kiln.data.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to read a data set. Everything is sniffed by default; set a field to override what DuckDB
 * would detect (CSV delimiter, quote, header, null markers, column types as DuckDB type names,
 * and the formats of dates and timestamps, in strftime notation such as {@code %d/%m/%Y}).
 */
public record ReadOptions(
    Format format,
    Optional<String> delimiter,
    Optional<String> quote,
    Optional<Boolean> header,
    List<String> nullMarkers,
    Map<String, String> columnTypes,
    Optional<String> dateFormat,
    Optional<String> timestampFormat) {

  /** The file format; AUTO decides from the extension. */
  public enum Format { AUTO, CSV, PARQUET, JSONL }

  public static final ReadOptions DEFAULT = new ReadOptions(Format.AUTO, Optional.empty(), Optional.empty(),
      Optional.empty(), List.of(), Map.of(), Optional.empty(), Optional.empty());

  public ReadOptions {
    nullMarkers = List.copyOf(nullMarkers);
    columnTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTypes));
  }

  /** The original six-field form, kept for callers written before date formats existed. */
  public ReadOptions(Format format, Optional<String> delimiter, Optional<String> quote, Optional<Boolean> header,
      List<String> nullMarkers, Map<String, String> columnTypes) {
    this(format, delimiter, quote, header, nullMarkers, columnTypes, Optional.empty(), Optional.empty());
  }

  public ReadOptions withFormat(Format f) {
    return new ReadOptions(f, delimiter, quote, header, nullMarkers, columnTypes, dateFormat, timestampFormat);
  }

  public ReadOptions withDelimiter(String d) {
    return new ReadOptions(format, Optional.of(d), quote, header, nullMarkers, columnTypes, dateFormat, timestampFormat);
  }

  public ReadOptions withQuote(String q) {
    return new ReadOptions(format, delimiter, Optional.of(q), header, nullMarkers, columnTypes, dateFormat, timestampFormat);
  }

  public ReadOptions withHeader(boolean h) {
    return new ReadOptions(format, delimiter, quote, Optional.of(h), nullMarkers, columnTypes, dateFormat, timestampFormat);
  }

  public ReadOptions withNullMarkers(List<String> markers) {
    return new ReadOptions(format, delimiter, quote, header, markers, columnTypes, dateFormat, timestampFormat);
  }

  /** Adds (or replaces) the DuckDB type of one column. */
  public ReadOptions withColumnType(String column, String sqlType) {
    Map<String, String> types = new LinkedHashMap<>(columnTypes);
    types.put(column, sqlType);
    return new ReadOptions(format, delimiter, quote, header, nullMarkers, types, dateFormat, timestampFormat);
  }

  public ReadOptions withDateFormat(String f) {
    return new ReadOptions(format, delimiter, quote, header, nullMarkers, columnTypes, Optional.of(f), timestampFormat);
  }

  public ReadOptions withTimestampFormat(String f) {
    return new ReadOptions(format, delimiter, quote, header, nullMarkers, columnTypes, dateFormat, Optional.of(f));
  }
}
