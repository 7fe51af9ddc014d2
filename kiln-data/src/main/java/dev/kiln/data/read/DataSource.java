package dev.kiln.data.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A data set (a CSV, Parquet or JSON Lines file, or a glob of them read as one) exposed as the
 * view {@code data} in an embedded, in-memory DuckDB connection. Checks compile to SQL over that
 * view; models {@link #load} the columns they need into a {@link Frame}.
 *
 * <p>Memory: DuckDB works within {@link EngineSettings#memoryLimit()} (spilling to a temporary
 * directory beyond it); Kiln itself streams results and holds only aggregates, except in
 * {@link #load}, which holds the requested columns.
 */
public final class DataSource implements AutoCloseable {
  public static final String VIEW = "data";
  /** What DuckDB says on a CRLF record among LF records past the lines it sniffed. */
  private static final String INVALID_STATE = "state machine reached an invalid state";
  private static final Pattern CONVERSION = Pattern.compile("converting column \"((?:[^\"]|\"\")*)\"");
  private final String location;
  private final Connection connection;
  private final ReadOptions.Format format;
  private ReadOptions options;
  private boolean mixedLineEndings;
  private List<ColumnInfo> columns;

  private DataSource(String location, Connection connection, ReadOptions.Format format, ReadOptions options) {
    this.location = location;
    this.connection = connection;
    this.format = format;
    this.options = options;
  }

  /** Opens a file or glob. Paths are used as given (resolve them against the project first). */
  public static DataSource open(String pathOrGlob, ReadOptions options) {
    ReadOptions.Format format = options.format() == ReadOptions.Format.AUTO ? detect(pathOrGlob) : options.format();
    if (!isGlob(pathOrGlob)) {
      checkFile(Path.of(pathOrGlob));
    }
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:duckdb:");
      EngineSettings.apply(c);
    } catch (SQLException e) {
      throw new DataReadException("cannot start DuckDB: " + DataErrors.firstLine(String.valueOf(e.getMessage())), e);
    }
    DataSource ds = new DataSource(pathOrGlob, c, format, options);
    try {
      ds.createView();
      return ds;
    } catch (DataReadException e) {
      ds.close();
      throw e;
    }
  }

  static boolean isGlob(String path) {
    return path.contains("*") || path.contains("?") || path.contains("[");
  }

  private static void checkFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new DataReadException(file + ": is a directory, not a data file (quote a glob such as 'dir/*.csv')");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataReadException(file + ": no such file");
    }
    try {
      if (Files.size(file) == 0) {
        throw new DataReadException(file + ": the file is empty (no header, no rows)");
      }
    } catch (IOException e) {
      throw new DataReadException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  static ReadOptions.Format detect(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".parquet") || p.endsWith(".pq")) {
      return ReadOptions.Format.PARQUET;
    }
    if (p.endsWith(".jsonl") || p.endsWith(".ndjson") || p.endsWith(".json")) {
      return ReadOptions.Format.JSONL;
    }
    return ReadOptions.Format.CSV;
  }

  private void createView() {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE OR REPLACE VIEW " + VIEW + " AS SELECT * FROM " + reader());
      columns = describe(s);
    } catch (SQLException e) {
      if (relaxLineEndings(e)) {
        createView();
        return;
      }
      throw readFailure(e);
    }
    if (misSniffed()) {
      diagnose().ifPresent(problem -> {
        throw new DataReadException(location + ":" + problem);
      });
    }
  }

  /**
   * DuckDB's sniffer falls back to reading a CSV as one column when some line breaks the
   * dialect; a single column whose name holds a delimiter is that fallback.
   */
  private boolean misSniffed() {
    return format == ReadOptions.Format.CSV && !isGlob(location) && options.delimiter().isEmpty()
        && columns.size() == 1 && columns.get(0).name().matches(".*[,;\\t|].*");
  }

  /** The table function that reads the data set, e.g. {@code read_csv('x.csv', …)}. */
  public String reader() {
    String file = Sql.text(location);
    switch (format) {
      case PARQUET:
        return "read_parquet(" + file + ")";
      case JSONL:
        return "read_json(" + file + ", format = 'newline_delimited')";
      default:
        return "read_csv(" + String.join(", ", csvArguments(file)) + ")";
    }
  }

  private List<String> csvArguments(String file) {
    ReadOptions o = options;
    List<String> args = new ArrayList<>();
    args.add(file);
    // yes/no and true/false stay text: labels such as deny=yes keep the values users write.
    args.add("auto_type_candidates = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']");
    o.delimiter().ifPresent(d -> args.add("delim = " + Sql.text(d)));
    o.quote().ifPresent(q -> args.add("quote = " + Sql.text(q)));
    o.header().ifPresent(h -> args.add("header = " + h));
    o.dateFormat().ifPresent(f -> args.add("dateformat = " + Sql.text(f)));
    o.timestampFormat().ifPresent(f -> args.add("timestampformat = " + Sql.text(f)));
    if (!o.nullMarkers().isEmpty()) {
      args.add("nullstr = " + Sql.texts(o.nullMarkers()));
    }
    if (mixedLineEndings) {
      args.addAll(mixedLineEndingArguments());
    }
    if (!o.columnTypes().isEmpty()) {
      args.add("types = {" + o.columnTypes().entrySet().stream()
          .map(e -> Sql.text(e.getKey()) + ": " + Sql.text(e.getValue())).collect(Collectors.joining(", ")) + "}");
    }
    return args;
  }

  /**
   * DuckDB's strict parser refuses a file whose records end in both CRLF and LF; its lax mode
   * reads them, but would also drop surplus fields and guess no escape character, so the
   * dialect is pinned to the one the diagnosis checked every line against.
   */
  private List<String> mixedLineEndingArguments() {
    List<String> args = new ArrayList<>(List.of("strict_mode = false"));
    if (options.delimiter().isEmpty()) {
      args.add("delim = " + Sql.text(String.valueOf(diagnosisDelimiter())));
    }
    if (options.quote().isEmpty()) {
      args.add("quote = '\"', escape = '\"'");
    }
    return args;
  }

  /**
   * Switches to reading mixed line endings when DuckDB failed on them and the file has no other
   * problem (every record has the header's number of fields, quotes close, UTF-8 is valid).
   */
  private boolean relaxLineEndings(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (mixedLineEndings || format != ReadOptions.Format.CSV || isGlob(location)
        || !(message.contains("sniffing") || message.contains(INVALID_STATE))) {
      return false;
    }
    try {
      CsvDiagnosis d = diagnosis();
      mixedLineEndings = d.mixedLineEndings(Path.of(location)) && d.firstProblem(Path.of(location)).isEmpty();
    } catch (IOException | java.io.UncheckedIOException io) {
      return false;
    }
    return mixedLineEndings;
  }

  private static List<ColumnInfo> describe(Statement s) throws SQLException {
    List<ColumnInfo> cols = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("DESCRIBE " + VIEW)) {
      while (rs.next()) {
        String type = rs.getString("column_type");
        cols.add(new ColumnInfo(rs.getString("column_name"), type, ColumnInfo.kindOf(type)));
      }
    }
    return cols;
  }

  /**
   * The error for a failed read: DuckDB's message reduced to one line with the file line where
   * DuckDB gives one; when DuckDB cannot even sniff a CSV file, Kiln finds the first malformed line.
   */
  public DataReadException readFailure(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (format == ReadOptions.Format.CSV && !isGlob(location)
        && (message.contains("sniffing") || message.contains(INVALID_STATE))) {
      Optional<String> found = diagnose();
      if (found.isPresent()) {
        return new DataReadException(location + ":" + found.get(), e);
      }
    }
    return DataErrors.translate(location, e);
  }

  private Optional<String> diagnose() {
    try {
      return diagnosis().firstProblem(Path.of(location));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private CsvDiagnosis diagnosis() throws IOException {
    char quote = options.quote().filter(q -> q.length() == 1).map(q -> q.charAt(0)).orElse('"');
    return new CsvDiagnosis(diagnosisDelimiter(), quote);
  }

  private char diagnosisDelimiter() {
    try {
      return options.delimiter().filter(d -> d.length() == 1).map(d -> d.charAt(0))
          .orElse(CsvDiagnosis.guessDelimiter(Path.of(location)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * After a value failed to convert to the type DuckDB sniffed for its column (the sniffer sees a
   * sample), re-reads that column as text so checks can report the offending values. Returns the
   * column's name, or empty when the error is of another kind or the type was set by the user.
   * After DuckDB met a record ending in CRLF among records ending in LF past the lines it
   * sniffed, re-reads the file accepting both (returns "line endings").
   */
  public Optional<String> relaxAfter(SQLException e) {
    if (relaxLineEndings(e)) {
      createView();
      return Optional.of("line endings");
    }
    Matcher m = CONVERSION.matcher(String.valueOf(e.getMessage()));
    if (format != ReadOptions.Format.CSV || !m.find()) {
      return Optional.empty();
    }
    String column = m.group(1).replace("\"\"", "\"");
    if (options.columnTypes().containsKey(column)) {
      return Optional.empty();
    }
    options = options.withColumnType(column, "VARCHAR");
    createView();
    return Optional.of(column);
  }

  public String location() {
    return location;
  }

  public ReadOptions.Format format() {
    return format;
  }

  public List<ColumnInfo> columns() {
    return columns;
  }

  public Optional<ColumnInfo> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The DuckDB connection holding the {@code data} view, for checks that compile to SQL. */
  public Connection connection() {
    return connection;
  }

  /** Loads the named columns (all when empty) into memory. */
  public Frame load(List<String> names) {
    return acceptingMixedLineEndings(() -> loadOnce(names));
  }

  /**
   * Runs a scan of the data; when it fails on a record ending in CRLF among records ending in
   * LF (DuckDB sniffs only the start of a file), re-reads the file accepting both and runs it again.
   */
  public <T> T acceptingMixedLineEndings(java.util.function.Supplier<T> scan) {
    try {
      return scan.get();
    } catch (DataReadException e) {
      if (e.getCause() instanceof SQLException se && relaxLineEndings(se)) {
        createView();
        return scan.get();
      }
      throw e;
    }
  }

  private Frame loadOnce(List<String> names) {
    List<ColumnInfo> wanted = new ArrayList<>();
    for (String n : names.isEmpty() ? columns.stream().map(ColumnInfo::name).toList() : names) {
      wanted.add(column(n).orElseThrow(() -> new DataReadException(location + ": no column '" + n + "'")));
    }
    String select = wanted.stream().map(c -> Sql.ident(c.name())).collect(Collectors.joining(", "));
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + select + " FROM " + VIEW)) {
      return FrameReader.read(rs, wanted);
    } catch (SQLException e) {
      throw readFailure(e);
    }
  }

  public static String literal(String s) {
    return Sql.text(s);
  }

  public static String quoteIdent(String s) {
    return Sql.ident(s);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // nothing to lose
    }
  }
}
