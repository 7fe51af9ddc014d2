package dev.kiln.data.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A data set (a CSV, Parquet or JSON Lines file, or a glob of them read as one) exposed as the
 * view {@code data} in an embedded, in-memory DuckDB connection. Checks compile to SQL over that
 * view; models {@link #load} the columns they need into a {@link Frame}.
 */
public final class DataSource implements AutoCloseable {
  public static final String VIEW = "data";
  private final String location;
  private final Connection connection;
  private final List<ColumnInfo> columns;

  private DataSource(String location, Connection connection, List<ColumnInfo> columns) {
    this.location = location;
    this.connection = connection;
    this.columns = List.copyOf(columns);
  }

  /** Opens a file or glob. Paths are used as given (resolve them against the project first). */
  public static DataSource open(String pathOrGlob, ReadOptions options) {
    ReadOptions.Format format = options.format() == ReadOptions.Format.AUTO ? detect(pathOrGlob) : options.format();
    boolean glob = pathOrGlob.contains("*") || pathOrGlob.contains("?") || pathOrGlob.contains("[");
    if (!glob && !Files.isRegularFile(Path.of(pathOrGlob))) {
      throw new DataReadException(pathOrGlob + ": no such file");
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = c.createStatement()) {
        s.execute("CREATE VIEW " + VIEW + " AS SELECT * FROM " + reader(pathOrGlob, format, options));
        List<ColumnInfo> cols = describe(s);
        return new DataSource(pathOrGlob, c, cols);
      } catch (SQLException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new DataReadException(pathOrGlob + ": " + firstLine(e.getMessage()), e);
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

  private static String reader(String path, ReadOptions.Format format, ReadOptions o) {
    String file = literal(path);
    switch (format) {
      case PARQUET:
        return "read_parquet(" + file + ")";
      case JSONL:
        return "read_json(" + file + ", format = 'newline_delimited')";
      default:
        List<String> args = new ArrayList<>();
        args.add(file);
        // yes/no and true/false stay text: labels such as deny=yes keep the values users write.
        args.add("auto_type_candidates = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']");
        o.delimiter().ifPresent(d -> args.add("delim = " + literal(d)));
        o.quote().ifPresent(q -> args.add("quote = " + literal(q)));
        o.header().ifPresent(h -> args.add("header = " + h));
        if (!o.nullMarkers().isEmpty()) {
          args.add("nullstr = [" + o.nullMarkers().stream().map(DataSource::literal).collect(Collectors.joining(", ")) + "]");
        }
        if (!o.columnTypes().isEmpty()) {
          args.add("types = {" + o.columnTypes().entrySet().stream()
              .map(e -> literal(e.getKey()) + ": " + literal(e.getValue())).collect(Collectors.joining(", ")) + "}");
        }
        return "read_csv(" + String.join(", ", args) + ")";
    }
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

  public String location() {
    return location;
  }

  public List<ColumnInfo> columns() {
    return columns;
  }

  /** The DuckDB connection holding the {@code data} view, for checks that compile to SQL. */
  public Connection connection() {
    return connection;
  }

  /** Loads the named columns (all when empty) into memory. */
  public Frame load(List<String> names) {
    List<ColumnInfo> wanted = new ArrayList<>();
    for (String n : names.isEmpty() ? columns.stream().map(ColumnInfo::name).toList() : names) {
      wanted.add(columns.stream().filter(c -> c.name().equals(n)).findFirst()
          .orElseThrow(() -> new DataReadException(location + ": no column '" + n + "'")));
    }
    String select = wanted.stream().map(c -> quoteIdent(c.name())).collect(Collectors.joining(", "));
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + select + " FROM " + VIEW)) {
      return read(rs, wanted);
    } catch (SQLException e) {
      throw new DataReadException(location + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static Frame read(ResultSet rs, List<ColumnInfo> wanted) throws SQLException {
    int n = wanted.size();
    List<double[]> nums = new ArrayList<>();
    List<String[]> texts = new ArrayList<>();
    int[] slot = new int[n];
    for (int i = 0; i < n; i++) {
      boolean numeric = wanted.get(i).kind() == ColumnInfo.Kind.NUMERIC || wanted.get(i).kind() == ColumnInfo.Kind.BOOLEAN;
      slot[i] = numeric ? nums.size() : -1 - texts.size();
      if (numeric) {
        nums.add(new double[1024]);
      } else {
        texts.add(new String[1024]);
      }
    }
    ResultSetMetaData md = rs.getMetaData();
    int rows = 0;
    while (rs.next()) {
      if (rows == capacity(nums, texts)) {
        grow(nums, texts);
      }
      for (int i = 0; i < n; i++) {
        if (slot[i] >= 0) {
          nums.get(slot[i])[rows] = number(rs, i + 1, md);
        } else {
          texts.get(-1 - slot[i])[rows] = rs.getString(i + 1);
        }
      }
      rows++;
    }
    Map<String, double[]> numeric = new LinkedHashMap<>();
    Map<String, String[]> text = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = wanted.get(i).name();
      if (slot[i] >= 0) {
        numeric.put(name, java.util.Arrays.copyOf(nums.get(slot[i]), rows));
      } else {
        text.put(name, java.util.Arrays.copyOf(texts.get(-1 - slot[i]), rows));
      }
    }
    return new Frame(rows, wanted, numeric, text);
  }

  private static double number(ResultSet rs, int col, ResultSetMetaData md) throws SQLException {
    Object v = rs.getObject(col);
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).doubleValue();
  }

  private static int capacity(List<double[]> nums, List<String[]> texts) {
    return !nums.isEmpty() ? nums.get(0).length : texts.get(0).length;
  }

  private static void grow(List<double[]> nums, List<String[]> texts) {
    nums.replaceAll(a -> java.util.Arrays.copyOf(a, a.length * 2));
    texts.replaceAll(a -> java.util.Arrays.copyOf(a, a.length * 2));
  }

  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  public static String quoteIdent(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
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
