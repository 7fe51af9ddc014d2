import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the wide-data benchmark's inputs with DuckDB, reproducibly (fixed seeds):
 * wide-COLS.csv (ROWS rows: COLS numeric feature columns f0001.. and a 0/1 label) and
 * wide-COLS-ref.csv (the same columns, every tenth feature shifted so drift has something to find).
 * Nine features in ten are floats with thousands of distinct values (the fine-histogram path),
 * the tenth an integer in [0, 20) (the exact-values path).
 *
 *   java -cp DUCKDB_JAR bench/data/GenerateWide.java OUT_DIR COLS [ROWS]
 */
public class GenerateWide {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int cols = Integer.parseInt(args[1]);
    long rows = args.length > 2 ? Long.parseLong(args[2]) : 10_000L;
    Files.createDirectories(out);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads = 2");
      write(s, out.resolve("wide-" + cols + ".csv"), cols, rows, 0.42, 0.0);
      write(s, out.resolve("wide-" + cols + "-ref.csv"), cols, rows, 0.17, 0.5);
    }
  }

  static void write(Statement s, Path file, int cols, long rows, double seed, double shift) throws Exception {
    s.execute("SELECT setseed(" + seed + ")");
    List<String> select = new ArrayList<>();
    for (int j = 1; j <= cols; j++) {
      double sh = j % 10 == 3 ? shift : 0.0;
      select.add(j % 10 == 0
          ? "floor(random() * 20)::INTEGER AS " + name(j)
          : "round((random() + random() + random() - 1.5) * " + j + " + " + sh + ", 4) AS " + name(j));
    }
    select.add("(random() < 0.3 + 0.4 * (i % 2))::INTEGER AS label");
    Files.deleteIfExists(file);
    s.execute("COPY (SELECT " + String.join(", ", select) + " FROM range(" + rows + ") t(i)) TO '"
        + file + "' (HEADER, DELIMITER ',')");
  }

  static String name(int j) {
    return String.format("f%04d", j);
  }
}
