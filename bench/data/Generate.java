import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Writes the data-test benchmark's inputs with DuckDB, reproducibly (fixed seed):
 * current.csv (5,000,000 rows x 12 mixed columns, about 0.5 GB) and reference.csv (1,000,000 rows,
 * same columns, slightly different distributions so drift has something to find).
 *
 *   java -cp DUCKDB_JAR bench/data/Generate.java bench/out [rows] [reference_rows]
 */
public class Generate {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/out");
    long rows = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000L;
    long refRows = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L;
    Files.createDirectories(out);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads = 2");
      write(s, out.resolve("current.csv"), rows, 0.42, 0.0);
      write(s, out.resolve("reference.csv"), refRows, 0.17, 1.0);
    }
  }

  /** Twelve columns: integers, floats, categories, a boolean, a date, text, missing values. */
  static void write(Statement s, Path file, long rows, double seed, double shift) throws Exception {
    s.execute("SELECT setseed(" + seed + ")");
    s.execute("COPY (SELECT "
        + "i AS id, "
        + "(18 + floor(random() * 70))::INTEGER AS age, "
        + "round(exp(9.5 + random() * 2.5) + " + (shift * 1500) + ", 2) AS income, "
        + "round(random() * 1000, 3) AS score, "
        + "round((random() + random() + random() - 1.5) * 40 + " + (shift * 2) + ", 4) AS balance, "
        + "['A', 'B', 'C', 'D', 'E'][1 + floor(random() * 5)::INTEGER] AS grade, "
        + "['north', 'south', 'east', 'west', 'central'][1 + floor(random() * 5)::INTEGER] AS region, "
        + "random() < 0.3 AS active, "
        + "DATE '2021-01-01' + floor(random() * 1000)::INTEGER AS opened, "
        + "'customer' || (i % 250000)::VARCHAR || '@mail-' || floor(random() * 40)::INTEGER::VARCHAR || '.example.org' AS email, "
        + "CASE WHEN random() < 0.04 THEN NULL ELSE round(random() * 10, 1) END AS rating, "
        + "CASE WHEN random() < 0.2 + " + (shift * 0.02) + " THEN 1 ELSE 0 END AS label "
        + "FROM range(" + rows + ") t(i)) TO '" + file + "' (HEADER, DELIMITER ',')");
    System.out.println(file + ": " + rows + " rows, " + Files.size(file) / 1_000_000 + " MB");
  }
}
