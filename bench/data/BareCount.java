import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The baseline of Kiln's data-test benchmark: DuckDB's bare count(*) over the same CSV, through
 * JDBC in a JVM, as kiln runs it (same reader options, same start-up costs).
 *
 *   java -cp DUCKDB_JAR:bench/out/classes BareCount bench/out/current.csv
 */
public class BareCount {
  public static void main(String[] args) throws Exception {
    long t = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM read_csv('" + args[0].replace("'", "''")
            + "', auto_type_candidates = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR'])")) {
      rs.next();
      System.out.printf("rows=%d query_seconds=%.3f%n", rs.getLong(1), (System.nanoTime() - t) / 1e9);
    }
  }
}
