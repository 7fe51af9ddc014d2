package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight kiln processes at once against one store: SQLite file and PostgreSQL server. */
class ConcurrentProcessesTest {
  @TempDir
  Path tmp;

  @Test
  void eightProcessesRegisteringOneModelGetVersionsOneToEightOnSqlite() throws Exception {
    assertVersionsOneToEight("jdbc:sqlite:" + tmp.resolve(".kiln/kiln.db"));
  }

  @Test
  void eightProcessesRegisteringOneModelGetVersionsOneToEightOnPostgres() throws Exception {
    assertVersionsOneToEight(TestDatabases.freshPostgresSchema());
  }

  private void assertVersionsOneToEight(String db) throws Exception {
    TestProject p = new TestProject(tmp);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    assertThat(p.kiln("--db", db, "models", "list").exit()).isZero();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      p.file("m" + i + "/weights", "model " + i);
      processes.add(p.start("--db", db, "models", "register", tmp.resolve("m" + i).toString(), "--name", "shared"));
    }
    for (Process proc : processes) {
      assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(proc.exitValue()).isZero();
    }
    TreeSet<Integer> versions = new TreeSet<>();
    Pattern registered = Pattern.compile("registered shared:(\\d+)");
    try (var outs = Files.list(tmp)) {
      for (Path out : outs.filter(f -> f.getFileName().toString().startsWith("kiln-")).toList()) {
        Matcher m = registered.matcher(Files.readString(out));
        while (m.find()) {
          versions.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    assertThat(versions).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(p.kiln("--db", db, "models", "versions", "shared", "--json").out()).contains("\"version\" : 8");
  }

  @Test
  void concurrentPromotionsFromProcessesKeepAConsistentHistory() throws IOException, InterruptedException {
    TestProject p = new TestProject(tmp);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    for (int i = 0; i < 8; i++) {
      p.file("m" + i + "/w", "m" + i);
      assertThat(p.kiln("models", "register", tmp.resolve("m" + i).toString(), "--name", "race").exit()).isZero();
    }
    List<Process> processes = new ArrayList<>();
    for (int v = 1; v <= 8; v++) {
      processes.add(p.start("models", "promote", "race", Integer.toString(v), "production", "--as", "w" + v));
    }
    int moved = 0;
    for (Process proc : processes) {
      assertThat(proc.waitFor(120, TimeUnit.SECONDS)).isTrue();
      moved += proc.exitValue() == 0 ? 1 : 0;
    }
    String json = p.kiln("models", "history", "race", "--json").out();
    int entries = json.split("\"alias\"").length - 1;
    assertThat(entries).as("every successful move is in the history, and only those").isEqualTo(moved);
    Matcher m = Pattern.compile("\"from\" : (null|\\d+),\\s*\"to\" : (\\d+)").matcher(json);
    List<String[]> chain = new ArrayList<>();
    while (m.find()) {
      chain.add(new String[] {m.group(1), m.group(2)});
    }
    for (int i = 0; i + 1 < chain.size(); i++) {
      assertThat(chain.get(i)[0]).as("each move starts where the previous one ended").isEqualTo(chain.get(i + 1)[1]);
    }
  }
}
